/** Mutation state for a call (§9): pending, error, data. */
import type { MizanClient } from "./client.js";
import type { FunctionDescriptor } from "./descriptors.js";
import { Store } from "./store.js";

export interface MutationState<R = unknown> {
  readonly status: "idle" | "pending" | "success" | "error";
  readonly pending: boolean;
  readonly error: unknown;
  readonly data: R | undefined;
}

export interface Mutation<A, R> {
  getState(): MutationState<R>;
  subscribe(listener: () => void): () => void;
  /** Runs the call; rejects with its error too. Only the latest run's outcome is kept. */
  mutate(args: A): Promise<R>;
  reset(): void;
}

const IDLE: MutationState<never> = Object.freeze({ status: "idle", pending: false, error: undefined, data: undefined });

export function createMutation<A, R>(client: MizanClient, fn: FunctionDescriptor<A, R> | string): Mutation<A, R> {
  const store = new Store<MutationState<R>>(IDLE);
  let latest = 0;
  return {
    getState: () => store.get(),
    subscribe: (listener) => store.subscribe(listener),
    async mutate(args) {
      const run = ++latest;
      store.update({ status: "pending", pending: true, error: undefined });
      try {
        const data = await client.call(fn, args);
        if (run === latest) store.update({ status: "success", pending: false, data });
        return data;
      } catch (error) {
        if (run === latest) store.update({ status: "error", pending: false, error });
        throw error;
      }
    },
    reset() {
      latest++;
      store.set(IDLE);
    },
  };
}
