// Uses the generated Vue composables as an application would; type-checked with TypeScript 5 and 7.
import { ref, type ComputedRef } from "vue";
import { keepPreviousData, useAddTodo, useClearDone, useSearch, useTodos } from "../generated/mizan.vue.js";
import type { Todo } from "../generated/mizan.js";
import type { MizanError } from "@mizan/base";

export function setup() {
  const list = ref(3);
  const page = useTodos(() => ({ list: list.value }), { placeholderData: keepPreviousData, enabled: () => list.value > 0 });
  const data: ComputedRef<Todo[] | undefined> = page.data;
  const error: ComputedRef<MizanError | null> = page.error;
  const found = useSearch({ q: "milk" });
  const add = useAddTodo();
  add.mutate({ list: 3, title: "Milk" });
  // @ts-expect-error a param of the wrong type
  useTodos({ list: "3" });
  return { data, error, found, pending: add.isPending };
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
