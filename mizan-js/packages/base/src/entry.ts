/** One cached read, shared by every handle with the same stableKey. */
import { canonicalValue } from "./canonical.js";
import type { Scope } from "./descriptors.js";
import type { MizanError } from "./errors.js";
import { parseJson } from "./json.js";

/**
 * Every field of a context's state, whatever its status (docs/reference/client.md). Vue's refs carry
 * these; {@link ContextState} is the same fields told apart by `status`.
 */
export interface ContextFields<R = unknown> {
  /** `pending` until data first arrives; a refetch keeps `success` (stale-while-revalidate). */
  readonly status: "pending" | "success" | "error";
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  /** The last data received, kept through refetches and their errors. */
  readonly data: R | undefined;
  /** The last fetch's error (`null` once a fetch succeeds). */
  readonly error: MizanError | null;
  /** A request for this entry is in flight. */
  readonly isFetching: boolean;
  /** When `data` was received (ms since the epoch), 0 when it never was. */
  readonly dataUpdatedAt: number;
  /** `data` is a placeholder (`placeholderData`), not this read's own data. */
  readonly isPlaceholderData: boolean;
}

/**
 * The state of a context, in TanStack Query v5's words, and typed as its result is: after
 * `isPending` and `isError` are ruled out (or on `isSuccess`), `data` is `R`; on `isError`, `error`
 * is the {@link MizanError}. A new object on every change, so it can be compared by identity.
 */
export type ContextState<R = unknown> =
  | (ContextFields<R> & { readonly status: "pending"; readonly isPending: true; readonly isSuccess: false; readonly isError: false; readonly data: undefined; readonly error: null; readonly isPlaceholderData: false })
  | (ContextFields<R> & { readonly status: "success"; readonly isPending: false; readonly isSuccess: true; readonly isError: false; readonly data: R; readonly error: null })
  | (ContextFields<R> & { readonly status: "error"; readonly isPending: false; readonly isSuccess: false; readonly isError: true; readonly error: MizanError; readonly isPlaceholderData: false });

/** A frozen state with `isPending`, `isSuccess` and `isError` derived from `status` (contexts and mutations alike). */
export function withFlags<S extends { readonly status: string }>(state: S): S & { readonly isPending: boolean; readonly isSuccess: boolean; readonly isError: boolean } {
  const { status } = state;
  return Object.freeze({ ...state, isPending: status === "pending", isSuccess: status === "success", isError: status === "error" });
}


// pure: entries that import only withFlags (mutation state) drop it
export const PENDING: ContextState<never> = /* @__PURE__ */ withFlags({
  status: "pending",
  data: undefined,
  error: null,
  isFetching: false,
  dataUpdatedAt: 0,
  isPlaceholderData: false,
}) as ContextState<never>;

export class Entry {
  _state: ContextState = PENDING;
  readonly _listeners = new Set<() => void>();
  /** How many listeners want data (`enabled`); only they cause fetches. */
  _active = 0;
  /** Set when a handle registers it; entries seeded by SSR learn it then. */
  _query: string | undefined;
  _scope: Scope | undefined;
  /** The fetch in flight, and the clock value when the last fetch started (or `refreshed` data was written). */
  _inflight: Promise<void> | undefined;
  _startedAt: number | undefined;
  /** An invalidation arrived during the fetch in flight: fetch again after it. */
  _refetchAfter: boolean | undefined;
  /** Invalidated while nobody was subscribed: fetch on the next subscribe. */
  _stale: boolean | undefined;
  /** The `_mz` cache-buster sent since the last invalidation (none before one). */
  _bust: number | undefined;
  /** The next fetch must bypass the browser and CDN caches (`cache: "no-cache"`). */
  _noCache: boolean | undefined;
  /** Bumped when the entry is cleared or written (login/logout, setData): older responses are dropped. */
  _generation = 0;
  /**
   * The optimistic writes (`setData`) not superseded by the server's data since, oldest first (each a
   * value or an updater, boxed so that equal ones stay apart), and the state from before the first:
   * undoing one replays the others over it.
   */
  _writes: [unknown][] | undefined;
  _base: ContextState | undefined;
  _gcTimer: ReturnType<typeof setTimeout> | undefined;
  private _paramValues: Map<string, string> | undefined;
  /** The context's name: the stableKey up to its first `|` (names hold none). */
  readonly _name: string;

  constructor(readonly _key: string) {
    this._name = _key.slice(0, _key.indexOf("|"));
  }

  _set(patch: Partial<ContextState>): void {
    // the flags follow `status`, and the kernel writes data or an error only with the status they belong to
    this._state = withFlags({ ...this._state, ...patch }) as ContextState;
    for (const listener of [...this._listeners]) listener();
  }

  /** The canonical text of one param's value, `"null"` when absent (for invalidation matching). */
  _param(name: string): string {
    if (!this._paramValues) {
      const params = parseJson(this._key.slice(this._name.length + 1)) as Record<string, unknown>;
      this._paramValues = new Map(Object.entries(params).map(([k, v]) => [k, canonicalValue(v)]));
    }
    return this._paramValues.get(name) ?? "null";
  }
}

/** `placeholderData`: a value, or a function of the data the previous params showed. */
export type PlaceholderData<R> = R | ((previous: R | undefined) => R | undefined);

/** For `placeholderData`: keep showing the previous params' data while the next load (pagination). */
export function keepPreviousData<R>(previous: R | undefined): R | undefined {
  return previous;
}

/**
 * The state an adapter shows: while `state` has no data yet, the placeholder (if any) stands in,
 * with `status: "success"` and `isPlaceholderData: true`, as in TanStack Query v5.
 */
export function withPlaceholder<R>(state: ContextState<R>, placeholder: PlaceholderData<R> | undefined, previous: R | undefined): ContextState<R> {
  if (!state.isPending || placeholder === undefined) return state;
  const data = typeof placeholder === "function" ? (placeholder as (p: R | undefined) => R | undefined)(previous) : placeholder;
  return data === undefined ? state : (withFlags<ContextFields<R>>({ ...state, status: "success", data, isPlaceholderData: true }) as ContextState<R>);
}
