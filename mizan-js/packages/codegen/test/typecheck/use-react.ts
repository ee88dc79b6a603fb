// Uses the generated React hooks as an application would; type-checked with TypeScript 5 and 7.
import { keepPreviousData, useAddTodo, useCatalog, useSuspenseTodos, useTodos } from "../generated/mizan.react.js";
import { todos, type Todo } from "../generated/mizan.js";

export function useExample(list: number): string {
  const page = useTodos({ list }, { placeholderData: keepPreviousData, enabled: list > 0 });
  const first: Todo | undefined = page.data?.[0];
  const status: "pending" | "success" | "error" = page.status;
  const sure: Todo[] = useSuspenseTodos({ list }).data;
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
  return `${first?.title}${status}${sure.length}${add.isPending}${useCatalog().data?.total}`;
}
