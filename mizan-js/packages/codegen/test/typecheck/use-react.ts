// Uses the generated React hooks as an application would; type-checked with TypeScript 5 and 7.
import { keepPreviousData, useAddTodo, useCatalog, useClearDone, useSuspenseTodos, useTodos } from "../generated/mizan.react.js";
import { todos, type Todo } from "../generated/mizan.js";

export function useExample(list: number): string {
  const page = useTodos({ list }, { placeholderData: keepPreviousData, enabled: list > 0 });
  const first: Todo | undefined = page.data?.[0];
  const status: "pending" | "success" | "error" = page.status;
  const sure: Todo[] = useSuspenseTodos({ list }).data;
  // narrowed as in TanStack Query v5: no data while pending, data once pending and error are ruled out
  let narrowed = 0;
  if (page.isPending) {
    const none: undefined = page.data;
    void none;
  } else if (page.isError) {
    const code: string = page.error.code; // a MizanError
    narrowed = code.length;
  } else {
    const all: Todo[] = page.data;
    narrowed = all.length;
  }
  if (page.status === "success") narrowed += page.data.length;
  // @ts-expect-error data may be absent before the status is checked
  const unchecked: Todo[] = page.data;
  void unchecked;
  const add = useAddTodo({
    onMutate: (args, { setData }) => {
      const draft: Todo = { id: -1, title: args.title, done: false, priority: "LOW", due: null };
      setData(todos, { list: args.list }, (old) => [...(old ?? []), draft]);
      // @ts-expect-error the data must be the context's result type
      setData(todos, { list: args.list }, "not a list");
    },
  });
  add.mutate({ list, title: "Milk" });
  const saved: Promise<Todo> = add.mutateAsync({ list, title: "Jam" });
  // @ts-expect-error a required param is missing
  useTodos({});
  // @ts-expect-error the args of addTodo need a title
  add.mutate({ list });
  void saved;
  return `${first?.title}${status}${sure.length}${narrowed}${add.isPending}${useCatalog().data?.total}`;
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
