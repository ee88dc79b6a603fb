/**
 * `@mizan/vue`: Vue 3 composables over the `@mizan/base` kernel (docs/reference/client.md).
 *
 * Params and `enabled` may be plain values, refs or getters: a change to another read (another
 * stableKey) switches to it at once. Subscriptions start once mounted and end with the component's
 * scope, or start at once in a scope of their own (a Pinia store). A server render never subscribes
 * nor fetches: it shows what SSR seeded, and a read not seeded as pending (docs/how-to/ssr.md).
 */
import {
  computed,
  getCurrentInstance,
  getCurrentScope,
  hasInjectionContext,
  inject,
  onMounted,
  onScopeDispose,
  shallowRef,
  ssrContextKey,
  toValue,
  watch,
  type App,
  type ComputedRef,
  type InjectionKey,
  type MaybeRefOrGetter,
  type Ref,
} from "vue";
import {
  getClient,
  withPlaceholder,
  type ContextDescriptor,
  type ContextHandle,
  type ContextFields,
  type ContextState,
  type FunctionDescriptor,
  type MizanClient,
  type PlaceholderData,
} from "@mizan/base";
import { createMutation, type Mutation, type MutationOptions, type MutationState } from "@mizan/base/mutation";

/** The injection key of the client: `app.provide(MIZAN_CLIENT, client)` or `app.use(mizanPlugin(client))`. */
export const MIZAN_CLIENT: InjectionKey<MizanClient> = Symbol("mizan-client");

/** A Vue plugin that provides a client to the whole app. */
export function mizanPlugin(client: MizanClient): { install(app: App): void } {
  return { install: (app) => void app.provide(MIZAN_CLIENT, client) };
}

/**
 * The provided client (in setup, and wherever `inject` works: `app.runWithContext`, so Pinia setup
 * stores and vue-router guards), else the configured default.
 */
export function useMizanClient(): MizanClient {
  return (hasInjectionContext() ? inject(MIZAN_CLIENT, null) : null) ?? getClient();
}

/** Options of a read, as in TanStack Query v5 (`enabled` may be a ref or a getter). */
export interface ContextOptions<R> {
  readonly enabled?: MaybeRefOrGetter<boolean>;
  readonly placeholderData?: PlaceholderData<R>;
}

type Refs<S> = { readonly [K in keyof S]-?: ComputedRef<S[K]> };

/** A context's state as refs (each field on its own, so not narrowed by `status`), the whole state as `state`, and a refetch. */
export type ContextResult<R> = Refs<ContextFields<R>> & {
  readonly state: Readonly<Ref<ContextState<R>>>;
  refetch(): Promise<void>;
};

const CONTEXT_FIELDS = ["status", "isPending", "isSuccess", "isError", "data", "error", "isFetching", "dataUpdatedAt", "isPlaceholderData"] as const;
const MUTATION_FIELDS = ["status", "isIdle", "isPending", "isSuccess", "isError", "error", "data", "variables"] as const;

function refsOf<S extends object>(state: Ref<S>, fields: readonly (keyof S)[]): Refs<S> {
  return Object.fromEntries(fields.map((f) => [f, computed(() => state.value[f])])) as Refs<S>;
}

/**
 * Whether this runs on the server, where nothing may subscribe. Vue's renderer provides its SSR
 * context (what `useSSRContext` reads) to the app it renders: right even where a DOM shim (happy-dom,
 * jsdom) defines `window`. Before the render starts (a store used by a router guard awaited before
 * `renderToString`) there is no context yet, but no `window` either (React's test).
 */
const inServerRender = (): boolean => typeof window === "undefined" || (hasInjectionContext() && inject(ssrContextKey, null) !== null);

/** A composable over a context (the named composables that codegen writes call this). */
export function useMizanContext<P, R>(descriptor: ContextDescriptor<P, R>, params: MaybeRefOrGetter<P>, options: ContextOptions<NoInfer<R>> = {}): ContextResult<R> {
  const client = useMizanClient();
  // the read of the params as they are now, on every access: never a flush behind them (an event
  // handler, a watcher that runs first and refetch() see the new params' read at once). The same
  // stableKey keeps its handle: the getter's previous value needs Vue 3.4 (the peer range's floor)
  const handle = computed<ContextHandle<R>>((prev) => {
    const next = client.registerContext(descriptor, toValue(params));
    return prev?.key === next.key ? prev : next;
  });
  /** Bumped when the kernel tells of a change to the read. */
  const version = shallowRef(0);
  const raw = computed(() => (version.value, handle.value.getState()));
  let previous: R | undefined;
  const state = computed(() => withPlaceholder(raw.value, options.placeholderData, previous));
  // immediate: data already there at setup (seeded by SSR, or cached) is the previous page's too
  watch(
    state,
    (s) => {
      if (!s.isPlaceholderData && s.data !== undefined) previous = s.data;
    },
    { immediate: true },
  );
  const live = () =>
    watch(
      [handle, () => toValue(options.enabled) !== false],
      ([h, enabled], _, onCleanup) => {
        version.value++;
        onCleanup(h.subscribe(() => void version.value++, enabled));
      },
      { immediate: true },
    );
  const instance = getCurrentInstance();
  // a component's own setup: subscribe once mounted (never on the server). Any other scope (a Pinia
  // setup store, first used by some component, runs in a detached scope of its own) subscribes now
  // and ends with that scope, except in a server render: the worker has no network, and nothing
  // would end it (a server render gives watchers no cleanup; Pinia never stops a store's scope). An
  // unseeded read renders pending there, as in React and Svelte; the browser loads it (docs/how-to/ssr.md)
  if (instance && getCurrentScope() === (instance as unknown as { scope: unknown }).scope) onMounted(live);
  else if (!inServerRender()) live(); // in an effectScope: ends with it
  return { ...refsOf<ContextFields<R>>(state, CONTEXT_FIELDS), state, refetch: () => handle.value.refetch() };
}

/** Mutation state as refs, with `mutate` (never rejects), `mutateAsync` and `reset`. */
export type MutationResult<A, R> = Refs<MutationState<R, A>> & Pick<Mutation<A, R>, "mutate" | "mutateAsync" | "reset">;

/** Mutation state for a function (the named composables that codegen writes call this). */
export function useMutation<A, R, C = unknown>(descriptor: FunctionDescriptor<A, R>, options?: MutationOptions<A, R, C>): MutationResult<A, R> {
  const mutation = createMutation(useMizanClient(), descriptor, options);
  const state = shallowRef(mutation.getState());
  const stop = mutation.subscribe(() => (state.value = mutation.getState()));
  if (getCurrentScope()) onScopeDispose(stop);
  return { ...refsOf(state, MUTATION_FIELDS), mutate: mutation.mutate, mutateAsync: mutation.mutateAsync, reset: mutation.reset };
}

export { keepPreviousData } from "@mizan/base";
export type { MutationOptions, OptimisticWriter } from "@mizan/base/mutation";
