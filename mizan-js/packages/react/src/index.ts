/**
 * `@mizan/react`: React hooks over the `@mizan/base` kernel (docs/reference/client.md).
 *
 * Reads go through `useSyncExternalStore` with `getServerSnapshot`, so server rendering and
 * hydration show what SSR seeded and fetch nothing; rendering only reads (the kernel fetches when
 * React subscribes, from an effect), so Strict Mode's double mount joins one request.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from "react";
import {
  getClient,
  withPlaceholder,
  type ContextDescriptor,
  type ContextState,
  type FunctionDescriptor,
  type MizanClient,
  type PlaceholderData,
} from "@mizan/base";
import { createMutation, type Mutation, type MutationOptions, type MutationState } from "@mizan/base/mutation";

const ClientContext = createContext<MizanClient | null>(null);

/** Gives a subtree its own client (tests, SSR per request); without it the configured default is used. */
export function MizanProvider(props: { client: MizanClient; children?: ReactNode }): ReactNode {
  return createElement(ClientContext.Provider, { value: props.client }, props.children);
}

/** The client of the nearest `MizanProvider`, else the configured default. */
export function useMizanClient(): MizanClient {
  return useContext(ClientContext) ?? getClient();
}

/** Options of a read, as in TanStack Query v5. */
export interface ContextOptions<R> {
  /** `false` holds the read: nothing is fetched, cached data is still shown. Default `true`. */
  readonly enabled?: boolean;
  /** Shown while the read has no data yet; `keepPreviousData` keeps the previous params' data. */
  readonly placeholderData?: PlaceholderData<R>;
}

/** A context's state and a refetch. */
export type ContextResult<R> = ContextState<R> & { refetch(): Promise<void> };

/** A suspense read's result: `data` is always there. */
export type SuspenseContextResult<R> = ContextResult<R> & { readonly data: R; readonly status: "success" | "error" };

/** Subscribes to a context (the named hooks that codegen writes call this). */
export function useMizanContext<P, R>(descriptor: ContextDescriptor<P, R>, params: P, options: ContextOptions<NoInfer<R>> = {}): ContextResult<R> {
  const client = useMizanClient();
  const next = client.registerContext(descriptor, params);
  // A new handle only when the read itself changes (its stableKey), not on every render.
  const handle = useMemo(() => next, [client, next.key]);
  const enabled = options.enabled !== false;
  const subscribe = useMemo(() => (listener: () => void) => handle.subscribe(listener, enabled), [handle, enabled]);
  const state = useSyncExternalStore(subscribe, handle.getState, handle.getState);
  // The data the previous params showed, for placeholderData (written after commit, never in render).
  const previous = useRef<R | undefined>(undefined);
  const { placeholderData } = options;
  const shown = useMemo(() => withPlaceholder(state, placeholderData, previous.current), [state, placeholderData]);
  useEffect(() => {
    if (!shown.isPlaceholderData && shown.data !== undefined) previous.current = shown.data;
  }, [shown]);
  return useMemo(() => ({ ...shown, refetch: handle.refetch }), [shown, handle]);
}

/** Per client, how many times a `useMizanErrorReset` function ran. */
const resets = new WeakMap<MizanClient, number>();
/** The reset count when each failed first read (its state) was first thrown to an error boundary. */
const thrown = new WeakMap<object, number>();

/**
 * Starts (or joins) the read's fetch after the render: starting it tells every component showing the
 * read, which React must not hear of while it renders another one.
 */
const suspend = (handle: { refetch(): Promise<void> }): Promise<void> => Promise.resolve().then(handle.refetch);

/**
 * Returns a function for an error boundary's reset (react-error-boundary's `onReset`): the failed
 * first reads that suspense hooks threw before it read again on their next render, suspending
 * meanwhile, instead of throwing the same failure again.
 */
export function useMizanErrorReset(): () => void {
  const client = useMizanClient();
  return useCallback(() => void resets.set(client, (resets.get(client) ?? 0) + 1), [client]);
}

/**
 * Like `useMizanContext`, but suspends until the first data is there (wrap in `<Suspense>`) and
 * throws a failed first read to the nearest error boundary (read again after `useMizanErrorReset`'s reset).
 */
export function useSuspenseMizanContext<P, R>(descriptor: ContextDescriptor<P, R>, params: P): SuspenseContextResult<R> {
  const client = useMizanClient();
  const handle = client.registerContext(descriptor, params);
  const state = handle.getState();
  if (state.status === "pending") {
    // a server render (the SSR worker) has no network: the boundary's fallback is rendered there, and
    // the browser reads it (docs/reference/client.md)
    if (typeof window === "undefined") {
      throw new Error(`MZJS00003 ${descriptor.name} not prefetched`);
    }
    throw suspend(handle); // joins the request in flight
  }
  if (state.status === "error" && state.data === undefined) {
    const epoch = resets.get(client) ?? 0;
    // the same failure rendered again (React renders a thrown component twice) is thrown again; one
    // thrown before a reset, or a read in flight, suspends on the (new or joined) request
    if (!thrown.has(state)) thrown.set(state, epoch);
    if (state.isFetching || thrown.get(state)! < epoch) throw suspend(handle);
    throw state.error;
  }
  return useMizanContext(descriptor, params) as SuspenseContextResult<R>;
}

/** A call's mutation state with `mutate` (never rejects), `mutateAsync` and `reset`. */
export type MutationResult<A, R> = MutationState<R, A> & Pick<Mutation<A, R>, "mutate" | "mutateAsync" | "reset">;

/** Mutation state for a function (the named hooks that codegen writes call this). */
export function useMutation<A, R, C = unknown>(descriptor: FunctionDescriptor<A, R>, options?: MutationOptions<A, R, C>): MutationResult<A, R> {
  const client = useMizanClient();
  // The latest options, so callbacks may close over props without re-creating the mutation.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  // One mutation per client, made on the first render (a ref's lazy initialisation) and kept.
  const mutation = useRef<{ client: MizanClient; value: Mutation<A, R> }>(undefined);
  if (mutation.current?.client !== client) {
    // each callback is looked up in the latest options when it runs
    const current = new Proxy({}, { get: (_, name) => latest.current?.[name as keyof MutationOptions<A, R, C>] });
    mutation.current = { client, value: createMutation<A, R, C>(client, descriptor, current) }; // inert until mutate()
  }
  const m = mutation.current.value;
  const state = useSyncExternalStore(m.subscribe, m.getState, m.getState);
  return useMemo(() => ({ ...state, mutate: m.mutate, mutateAsync: m.mutateAsync, reset: m.reset }), [state, m]);
}

export { keepPreviousData } from "@mizan/base";
export type { MutationOptions, OptimisticWriter } from "@mizan/base/mutation";
