/** One cached read, shared by every handle with the same stableKey. */
import { canonicalValue } from "./canonical.js";
import type { Scope } from "./descriptors.js";
import { parseJson } from "./json.js";

/** The state of a context (§9). A new object on every change, so it can be compared by identity. */
export interface ContextState<R = unknown> {
  /** idle → loading → success | error; a refetch keeps `success` (stale-while-revalidate). */
  readonly status: "idle" | "loading" | "success" | "error";
  /** The last data received, kept through refetches and their errors. */
  readonly data: R | undefined;
  readonly error: unknown;
  /** A request for this entry is in flight. */
  readonly isFetching: boolean;
  /** When `data` was received (ms since the epoch), 0 when it never was. */
  readonly updatedAt: number;
}

export const IDLE: ContextState<never> = Object.freeze({
  status: "idle",
  data: undefined,
  error: undefined,
  isFetching: false,
  updatedAt: 0,
});

export class Entry {
  state: ContextState = IDLE;
  readonly listeners = new Set<() => void>();
  /** Set when a handle registers it; entries seeded by SSR learn it then. */
  query: string | undefined;
  scope: Scope | undefined;
  /** The fetch in flight and the clock value when it started. */
  inflight: { promise: Promise<void>; startedAt: number } | undefined;
  /** An invalidation arrived during the fetch in flight: fetch again after it. */
  refetchAfter = false;
  /** Invalidated while nobody was subscribed: fetch on the next subscribe. */
  stale = false;
  /** The `_mz` cache-buster sent since the last invalidation (0: none). */
  bust = 0;
  /** The next fetch must bypass the browser and CDN caches (`cache: "no-cache"`). */
  noCache = false;
  /** Bumped when the entry is cleared (login/logout): older responses are dropped. */
  generation = 0;
  /** Sequence of the newest request started and the newest applied: older responses are dropped. */
  started = 0;
  applied = 0;
  gcTimer: ReturnType<typeof setTimeout> | undefined;
  private paramValues: Map<string, string> | undefined;

  constructor(
    readonly key: string,
    readonly name: string,
    readonly canonical: string,
  ) {}

  set(state: Partial<ContextState>): void {
    this.state = Object.freeze({ ...this.state, ...state });
    for (const listener of [...this.listeners]) listener();
  }

  /** The canonical text of one param's value, `"null"` when absent (for invalidation matching). */
  param(name: string): string {
    if (!this.paramValues) {
      const params = parseJson(this.canonical) as Record<string, unknown>;
      this.paramValues = new Map(Object.entries(params).map(([k, v]) => [k, canonicalValue(v)]));
    }
    return this.paramValues.get(name) ?? "null";
  }
}
