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

/**
 * Callbacks of a mutation; `C` is what `onMutate` returns, handed to the others. One of the callbacks
 * after the call that throws is reported (`MZJS00004`) and changes neither the state nor the result.
 */
export interface MutationOptions<A, R, C = unknown> {
  /** Runs before the call: the place for optimistic updates (`writer.setData`). If it throws, nothing is sent and the mutation fails. */
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
  /** Runs the call and returns its promise, which rejects with its error (the call's or `onMutate`'s, never a later callback's). */
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
  /**
   * Runs a callback after the call's outcome is known. Its failure is reported (docs/reference/client.md,
   * `MZJS00004`) and changes nothing: the server committed (or refused) the call whatever a toast or an
   * analytics hook does, so a success is never rolled back or turned into an error.
   */
  const after = async <K extends "onSuccess" | "onError" | "onSettled">(name: K, ...params: Parameters<NonNullable<MutationOptions<A, R, C>[K]>>) => {
    try {
      await (options[name] as ((...p: typeof params) => unknown) | undefined)?.(...params);
    } catch (e) {
      console.error(`MZJS00004 mutation ${name} threw`, e);
    }
  };
  const mutateAsync = async (args: A): Promise<R> => {
    const run = ++latest;
    const undo: (() => void)[] = [];
    const mine = (state: MutationState<R, A>) => run === latest && set(state);
    mine(mutationState<R, A>("pending", undefined, null, args));
    let context: C | undefined;
    let data: R;
    try {
      context = await options.onMutate?.(args, { setData: (c, p, d) => void undo.push(client.setData(c, p, d)) });
      data = await client.call(fn, args);
    } catch (error) {
      for (const restore of undo.reverse()) restore();
      mine(mutationState<R, A>("error", undefined, error, args));
      await after("onError", error, args, context);
      await after("onSettled", undefined, error, args, context);
      throw error;
    }
    mine(mutationState("success", data, null, args));
    await after("onSuccess", data, args, context);
    await after("onSettled", data, null, args, context);
    return data;
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
