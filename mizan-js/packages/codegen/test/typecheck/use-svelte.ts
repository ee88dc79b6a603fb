// Uses the generated Svelte reads as an application would; type-checked with TypeScript 5 and 7.
import { keepPreviousData, useAddTodo, useCatalog, useClearDone, useTodos } from "../generated/mizan.svelte.js";
import type { Todo } from "../generated/mizan.js";

export function example(list: () => number): string {
  const page = useTodos(() => ({ list: list() }), () => ({ placeholderData: keepPreviousData }));
  const first: Todo | undefined = page.data?.[0];
  const count = page.isSuccess ? page.data.length : page.isError ? page.error.status : 0;
  const add = useAddTodo({ onError: (error) => console.log(error) });
  add.mutate({ list: list(), title: "Milk" });
  // @ts-expect-error params are a getter
  useTodos({ list: 3 });
  return `${first?.title}${count}${page.isPlaceholderData}${add.isPending}${useCatalog().status}`;
}

/** A function without params: `mutate()` as in TanStack Query, and `mutate({})` as before. */
export function clearAll(): Promise<number> {
  const clear = useClearDone();
  clear.mutate();
  clear.mutate({});
  // @ts-expect-error clearDone takes no args
  clear.mutate({ list: 1 });
  return clear.mutateAsync();
}
