/**
 * `@mizan/svelte`: Svelte 5 reads and mutations over the `@mizan/base` kernel
 * (docs/reference/client.md).
 *
 * Built on `createSubscriber` (svelte/reactivity): a read subscribes to the kernel while some
 * effect or template reads it, and unsubscribes when none does, so it works in components, in
 * `.svelte.ts` modules and in `$effect.root` alike, with no cleanup in user code. On the server
 * nothing subscribes: reads show what SSR seeded.
 */
import { getContext, setContext } from "svelte";
import { createSubscriber } from "svelte/reactivity";
import {
  getClient,
  withPlaceholder,
  type ContextDescriptor,
  type ContextHandle,
  type ContextState,
  type FunctionDescriptor,
  type MizanClient,
  type PlaceholderData,
} from "@mizan/base";
import { createMutation, type Mutation, type MutationOptions as BaseMutationOptions, type MutationState } from "@mizan/base/mutation";

const CLIENT = Symbol("mizan-client");

/** Gives this component and its children a client (call during component init). */
export function setMizanClient(client: MizanClient): MizanClient {
  return setContext(CLIENT, client);
}

/** The client set by an ancestor component, else (also outside components) the configured default. */
export function getMizanClient(): MizanClient {
  let client: MizanClient | undefined;
  try {
    client = getContext<MizanClient | undefined>(CLIENT);
  } catch {
    // not during component init: the default client
  }
  return client ?? getClient();
}

/** Options of a read, as in TanStack Query v5. */
export interface ContextOptions<R> {
  readonly enabled?: boolean;
  readonly placeholderData?: PlaceholderData<R>;
  /** The client (default: `getMizanClient()` when the read is made). */
  readonly client?: MizanClient;
}

/** A context's state through getters that Svelte tracks, and a refetch. */
export type ContextResult<R> = ContextState<R> & { readonly state: ContextState<R>; refetch(): Promise<void> };

/**
 * A read (the named functions that codegen writes call this). `params` and `options` are getters,
 * so `$state` read in them is tracked where the result is read: another stableKey switches reads.
 */
export function useMizanContext<P, R>(
  descriptor: ContextDescriptor<P, R>,
  params: () => P,
  options: () => ContextOptions<NoInfer<R>> = () => ({}),
): ContextResult<R> {
  const client = options().client ?? getMizanClient();
  let current: { handle: ContextHandle<R>; enabled: boolean; track: () => void } | undefined;
  let previous: R | undefined;
  /**
   * The state last shown, and what it was made from: every getter reads the state, and while a placeholder
   * shows, each would otherwise run `placeholderData` again and get a new object.
   */
  let last: { state: ContextState<R>; placeholder: unknown; shown: ContextState<R> } | undefined;
  const read = (): ContextState<R> => {
    const { enabled = true, placeholderData } = options();
    const next = client.registerContext(descriptor, params());
    if (current?.handle.key !== next.key || current.enabled !== enabled) {
      const handle = current?.handle.key === next.key ? current.handle : next;
      current = { handle, enabled, track: createSubscriber((update) => handle.subscribe(update, enabled)) };
    }
    current.track();
    const state = current.handle.getState();
    if (last?.state !== state || last.placeholder !== placeholderData) {
      last = { state, placeholder: placeholderData, shown: withPlaceholder(state, placeholderData, previous) };
      if (!last.shown.isPlaceholderData && last.shown.data !== undefined) previous = last.shown.data;
    }
    return last.shown;
  };
  return {
    get state() {
      return read();
    },
    get status() {
      return read().status;
    },
    get isPending() {
      return read().isPending;
    },
    get isSuccess() {
      return read().isSuccess;
    },
    get isError() {
      return read().isError;
    },
    get data() {
      return read().data;
    },
    get error() {
      return read().error;
    },
    get isFetching() {
      return read().isFetching;
    },
    get dataUpdatedAt() {
      return read().dataUpdatedAt;
    },
    get isPlaceholderData() {
      return read().isPlaceholderData;
    },
    // the params as they are now: right after a change (an event handler) no getter has run yet
    refetch: () => client.registerContext(descriptor, params()).refetch(),
    // each getter reads the current state, whose fields agree as ContextState's union says
  } as ContextResult<R>;
}

/** Mutation callbacks (as in `@mizan/base/mutation`) and the client to use (default: `getMizanClient()`). */
export type MutationOptions<A, R, C = unknown> = BaseMutationOptions<A, R, C> & { readonly client?: MizanClient };

/** Mutation state through getters, with `mutate` (never rejects), `mutateAsync` and `reset`. */
export type MutationResult<A, R> = MutationState<R, A> & Pick<Mutation<A, R>, "mutate" | "mutateAsync" | "reset">;

/** Mutation state for a function (the named functions that codegen writes call this). */
export function useMutation<A, R, C = unknown>(
  descriptor: FunctionDescriptor<A, R>,
  options: MutationOptions<A, R, C> = {},
): MutationResult<A, R> {
  const mutation = createMutation(options.client ?? getMizanClient(), descriptor, options);
  const track = createSubscriber((update) => mutation.subscribe(update));
  const state = () => (track(), mutation.getState());
  return {
    get status() {
      return state().status;
    },
    get isIdle() {
      return state().isIdle;
    },
    get isPending() {
      return state().isPending;
    },
    get isSuccess() {
      return state().isSuccess;
    },
    get isError() {
      return state().isError;
    },
    get error() {
      return state().error;
    },
    get data() {
      return state().data;
    },
    get variables() {
      return state().variables;
    },
    mutate: mutation.mutate,
    mutateAsync: mutation.mutateAsync,
    reset: mutation.reset,
  };
}

export { keepPreviousData } from "@mizan/base";
export type { OptimisticWriter } from "@mizan/base/mutation";
