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
