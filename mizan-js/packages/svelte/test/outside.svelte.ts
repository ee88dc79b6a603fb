/** A read made and watched outside any component: in a module, inside `$effect.root`. */
import type { MizanClient } from "@mizan/base";
import { useMizanContext } from "@mizan/svelte";
import { todos } from "../../codegen/test/generated/mizan.js";

export function watchOutside(client: MizanClient, seen: string[]): { setList(list: number): void; refetch(): Promise<void>; stop(): void } {
  let list = $state(3);
  const read = useMizanContext(todos, () => ({ list }), () => ({ client }));
  const stop = $effect.root(() => {
    $effect(() => {
      seen.push(`${read.status}:${read.data?.map((t) => t.title).join(",") ?? "-"}`);
    });
  });
  return { setList: (n) => (list = n), refetch: () => read.refetch(), stop };
}

/** A paged read kept outside components, with a `placeholderData` function that counts its runs. */
export function pagedOutside(client: MizanClient): { read: ReturnType<typeof useMizanContext<{ list: number }, { title: string }[]>>; next(): void; runs(): number; stop(): void } {
  let list = $state(3);
  let runs = 0;
  const placeholderData = (previous: { title: string }[] | undefined) => (runs++, previous);
  const read = useMizanContext(todos, () => ({ list }), () => ({ client, placeholderData }));
  const stop = $effect.root(() => {
    $effect(() => void read.data);
  });
  return { read, next: () => list++, runs: () => runs, stop };
}
