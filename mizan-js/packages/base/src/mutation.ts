/**
 * Mutation state for a call, in TanStack Query v5's words, with optimistic updates rolled back on
 * error (docs/reference/client.md).
 */
import type { MizanClient } from "./client.js";
import type { ContextDescriptor, FunctionDescriptor } from "./descriptors.js";
import { withFlags } from "./entry.js";

export interface MutationState<R = unknown, A = unknown> {
  readonly status: "idle" | "pending" | "success" | "error";
  readonly isIdle: boolean;
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  /** The last run's error, `null` unless it failed. */
  readonly error: unknown;
  /** The last run's result. */
  readonly data: R | undefined;
  /** The args of the last run. */
  readonly variables: A | undefined;
}

/** What `onMutate` may do: write reads optimistically; each write is undone if the call fails. */
export interface OptimisticWriter {
  setData<P, R>(context: ContextDescriptor<P, R>, params: NoInfer<P>, data: NoInfer<R> | ((old: R | undefined) => NoInfer<R>)): void;
}

/** Callbacks of a mutation; `C` is what `onMutate` returns, handed to the others. */
export interface MutationOptions<A, R, C = unknown> {
  /** Runs before the call: the place for optimistic updates (`writer.setData`). */
  onMutate?(args: A, writer: OptimisticWriter): C | Promise<C>;
  onSuccess?(data: R, args: A, context: C | undefined): unknown;
  /** Runs after the optimistic writes are rolled back. */
  onError?(error: unknown, args: A, context: C | undefined): unknown;
  onSettled?(data: R | undefined, error: unknown, args: A, context: C | undefined): unknown;
}

export interface Mutation<A, R> {
  getState(): MutationState<R, A>;
  subscribe(listener: () => void): () => void;
  /** Runs the call; never rejects (the error is in the state). Only the latest run's outcome is kept. */
  mutate(args: A): void;
  /** Runs the call and returns its promise, which rejects with its error. */
  mutateAsync(args: A): Promise<R>;
  /** Back to `idle`; a run still going no longer changes the state. */
  reset(): void;
}

function mutationState<R, A>(status: MutationState["status"], data?: R, error: unknown = null, variables?: A): MutationState<R, A> {
  return withFlags({ status, isIdle: status === "idle", error, data, variables });
}

export function createMutation<A, R, C = unknown>(
  client: MizanClient,
  fn: FunctionDescriptor<A, R> | string,
  options: MutationOptions<A, R, C> = {},
): Mutation<A, R> {
  const idle = mutationState<R, A>("idle");
  // an observable value with immutable snapshots, as useSyncExternalStore expects
  let state = idle;
  const listeners = new Set<() => void>();
  const set = (next: MutationState<R, A>) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };
  let latest = 0;
  const mutateAsync = async (args: A): Promise<R> => {
    const run = ++latest;
    const undo: (() => void)[] = [];
    const mine = (state: MutationState<R, A>) => run === latest && set(state);
    mine(mutationState<R, A>("pending", undefined, null, args));
    let context: C | undefined;
    try {
      context = await options.onMutate?.(args, { setData: (c, p, d) => void undo.push(client.setData(c, p, d)) });
      const data = await client.call(fn, args);
      mine(mutationState("success", data, null, args));
      await options.onSuccess?.(data, args, context);
      await options.onSettled?.(data, null, args, context);
      return data;
    } catch (error) {
      for (const restore of undo.reverse()) restore();
      mine(mutationState<R, A>("error", undefined, error, args));
      await options.onError?.(error, args, context);
      await options.onSettled?.(undefined, error, args, context);
      throw error;
    }
  };
  return {
    getState: () => state,
    subscribe: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    mutate: (args) => void mutateAsync(args).catch(() => {}),
    mutateAsync,
    reset() {
      latest++;
      set(idle);
    },
  };
}
