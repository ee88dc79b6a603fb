/** One cached read, shared by every handle with the same stableKey. */
import { canonicalValue } from "./canonical.js";
import type { Scope } from "./descriptors.js";
import { parseJson } from "./json.js";

/**
 * The state of a context, in TanStack Query v5's words (docs/reference/client.md). A new object on
 * every change, so it can be compared by identity.
 */
export interface ContextState<R = unknown> {
  /** `pending` until data first arrives; a refetch keeps `success` (stale-while-revalidate). */
  readonly status: "pending" | "success" | "error";
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  /** The last data received, kept through refetches and their errors. */
  readonly data: R | undefined;
  /** The last fetch's error (`null` once a fetch succeeds). */
  readonly error: unknown;
  /** A request for this entry is in flight. */
  readonly isFetching: boolean;
  /** When `data` was received (ms since the epoch), 0 when it never was. */
  readonly dataUpdatedAt: number;
  /** `data` is a placeholder (`placeholderData`), not this read's own data. */
  readonly isPlaceholderData: boolean;
}

/** A state with its `is*` flags derived from `status`. */
export function stateOf<R>(state: Omit<ContextState<R>, "isPending" | "isSuccess" | "isError">): ContextState<R> {
  const { status } = state;
  return Object.freeze({ ...state, isPending: status === "pending", isSuccess: status === "success", isError: status === "error" });
}

export const PENDING: ContextState<never> = stateOf<never>({
  status: "pending",
  data: undefined,
  error: null,
  isFetching: false,
  dataUpdatedAt: 0,
  isPlaceholderData: false,
});

export class Entry {
  _state: ContextState = PENDING;
  readonly _listeners = new Set<() => void>();
  /** How many listeners want data (`enabled`); only they cause fetches. */
  _active = 0;
  /** Set when a handle registers it; entries seeded by SSR learn it then. */
  _query: string | undefined;
  _scope: Scope | undefined;
  /** The fetch in flight and the clock value when it started. */
  _inflight: { _promise: Promise<void>; _startedAt: number } | undefined;
  /** An invalidation arrived during the fetch in flight: fetch again after it. */
  _refetchAfter = false;
  /** Invalidated while nobody was subscribed: fetch on the next subscribe. */
  _stale = false;
  /** The `_mz` cache-buster sent since the last invalidation (0: none). */
  _bust = 0;
  /** The next fetch must bypass the browser and CDN caches (`cache: "no-cache"`). */
  _noCache = false;
  /** Bumped when the entry is cleared or written (login/logout, setData): older responses are dropped. */
  _generation = 0;
  _gcTimer: ReturnType<typeof setTimeout> | undefined;
  private _paramValues: Map<string, string> | undefined;

  constructor(
    readonly _key: string,
    readonly _name: string,
    readonly _canonical: string,
  ) {}

  _set(patch: Partial<ContextState>): void {
    this._state = stateOf({ ...this._state, ...patch });
    for (const listener of [...this._listeners]) listener();
  }

  /** The canonical text of one param's value, `"null"` when absent (for invalidation matching). */
  _param(name: string): string {
    if (!this._paramValues) {
      const params = parseJson(this._canonical) as Record<string, unknown>;
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
  return data === undefined ? state : stateOf({ ...state, status: "success", data, isPlaceholderData: true });
}
