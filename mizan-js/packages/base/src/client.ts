/**
 * The kernel: registered contexts, calls, invalidation across tabs, SSR seeds (docs/internals/client-kernel.md).
 * Written as a closure rather than a class so that minifiers can shorten every internal name.
 */
import { canonicalValue, encodeParams } from "./canonical.js";
import { resolveConfig, type MizanConfig, type ResolvedConfig } from "./config.js";
import type { ContextDescriptor, FunctionDescriptor } from "./descriptors.js";
import { Entry, PENDING, type ContextState } from "./entry.js";
import { createHttp } from "./http.js";
import { readSsrData, type SsrData } from "./hydrate.js";
import { parseJson, toJsonText } from "./json.js";

/** What `registerContext` returns: the handle a framework adapter wraps. */
export interface ContextHandle<R = unknown> {
  /** `name|canonical`: equal for equal reads. */
  readonly key: string;
  /** The current state; the same object until something changes. */
  getState(): ContextState<R>;
  /**
   * Listens for changes; the first subscriber starts a fetch unless the data is fresh. With
   * `enabled` false the listener only watches: it never causes a fetch (TanStack's `enabled`).
   */
  subscribe(listener: () => void, enabled?: boolean): () => void;
  /** Fetches again, keeping the data shown meanwhile; joins a fetch already in flight. */
  refetch(): Promise<void>;
  /** Drops every subscription made through this handle. */
  unregister(): void;
}

/** One entry of a call's `invalidate` list (§3). */
export interface Invalidation {
  readonly context: string;
  /** When present, only reads whose params include these same values are stale. */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A Mizan client: one per page (or per tab), usually made by `configure`. */
export interface MizanClient {
  readonly config: ResolvedConfig;
  /** Registers a read. Nothing is fetched until the first `subscribe` (or `refetch`). */
  registerContext<P, R>(context: ContextDescriptor<P, R> | string, params?: P): ContextHandle<R>;
  /**
   * Runs a function: `POST /mizan/call/{name}`; refetches the registered reads its `invalidate`
   * list names (and tells other tabs); after a `sessionInit` function, clears every USER entry here
   * and in other tabs. Resolves to the `result`, or to the `Response` itself when the function
   * returned something other than JSON (a file).
   */
  call<A, R>(fn: FunctionDescriptor<A, R> | string, args?: A): Promise<R>;
  /** Marks reads stale as if a call had returned these invalidations; other tabs are told too. */
  invalidate(items: readonly Invalidation[]): void;
  /**
   * Drops the data of every USER entry (and of entries of unknown scope) and refetches those
   * still subscribed: the principal changed, and a stableKey carries no user (§9).
   */
  clearUserEntries(): void;
  /** Seeds entries from server-rendered data; they are not fetched while fresh. */
  hydrate(data: SsrData | undefined): void;
  /** The data a read holds now (`undefined` when it has none). */
  getData<P, R>(context: ContextDescriptor<P, R> | string, params?: P): R | undefined;
  /**
   * Writes a read's data, as if the server had sent it (an optimistic update); a fetch in flight
   * for it is dropped. Returns an undo that restores the previous state, unless something newer
   * has been written or fetched since.
   */
  setData<P, R>(context: ContextDescriptor<P, R> | string, params: NoInfer<P> | undefined, data: NoInfer<R> | ((old: R | undefined) => NoInfer<R>)): () => void;
  /** How many entries are held (for tests and diagnostics). */
  readonly size: number;
  /** What `@mizan/base/events` plugs into (docs/how-to/live-updates.md); not for application code. */
  readonly live: LiveHooks;
  /** Stops listening to other tabs and drops every entry. */
  close(): void;
}

/** The kernel's side of live updates, used by `@mizan/base/events`. */
export interface LiveHooks {
  /** The stableKey and context name of every entry held. */
  keys(): ReadonlyArray<readonly [key: string, context: string]>;
  /** Refetches the mounted entries whose stableKey passes `test`; the others when next mounted. */
  stale(test: (key: string, context: string) => boolean): void;
  /** Told when a call starts (`id` undefined) and when its response arrived (`id`: its `Mizan-Event-Id`, or null). */
  onCall?: (phase: "start" | "end", id?: string | null) => void;
  /** Told when the principal changed (a login or logout here or in another tab). */
  onIdentity?: () => void;
}

/** At most this many stableKeys go in a call's `"$refresh"` (the server's `mizan.limits.max-refresh` default). */
const MAX_REFRESH = 32;

/** An invalidation with each param value in canonical JSON text (so it survives postMessage). */
interface Stale {
  readonly context: string;
  readonly params: ReadonlyArray<readonly [string, string]>;
}

/**
 * What other tabs are told: `stale` lists invalidations; without it, "clear every USER entry" after a
 * login or logout, with the CSRF token it rotated (`csrf`), so that no other tab needs `/session` again.
 */
interface Message {
  readonly mizan: 1;
  readonly stale?: Stale[];
  readonly csrf?: string;
}

export function createClient(options: MizanConfig): MizanClient {
  const config = resolveConfig(options);
  const http = createHttp(config);
  const entries = new Map<string, Entry>();
  /** Orders fetch starts against invalidation arrivals. */
  let clock = 0;
  /** The `_mz` counter (§5). */
  let bust = 0;

  const channel = config.channel !== false && typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(config.channel) : undefined;
  const post = (stale?: Stale[], csrf?: string) => channel?.postMessage({ mizan: 1, stale, csrf } satisfies Message);

  const scheduleGc = (entry: Entry) => {
    clearTimeout(entry._gcTimer);
    entry._gcTimer = setTimeout(() => {
      if (entry._listeners.size !== 0 || entries.get(entry._key) !== entry) return;
      // never drop an entry while its fetch runs: a refetch() with no subscriber would lose its result
      if (entry._inflight) void entry._inflight._promise.finally(() => scheduleGc(entry));
      else entries.delete(entry._key);
    }, config.gcTime);
    (entry._gcTimer as { unref?: () => void }).unref?.();
  };

  const entryFor = (key: string, name: string, canonical: string): Entry => {
    let entry = entries.get(key);
    if (!entry) {
      entries.set(key, (entry = new Entry(key, name, canonical)));
      scheduleGc(entry);
    }
    return entry;
  };

  const unsubscribe = (entry: Entry, listener: () => void) => {
    if (entry._listeners.delete(listener) && entry._listeners.size === 0) scheduleGc(entry);
  };

  /** Starts a fetch, or joins the one in flight (one request per stableKey). */
  const fetch = (entry: Entry): Promise<void> => {
    if (entry._inflight) return entry._inflight._promise;
    if (entry._query === undefined) return Promise.resolve(); // seeded by SSR, never registered
    const generation = entry._generation;
    const query = [entry._query, entry._bust ? `_mz=${entry._bust}` : ""].filter(Boolean).join("&");
    const noCache = entry._noCache;
    entry._noCache = entry._stale = false;
    const promise = run(entry, generation, query, noCache);
    entry._inflight = { _promise: promise, _startedAt: ++clock };
    entry._set({ isFetching: true });
    return promise;
  };

  /** A state holding data received (or written) at `at`, ms since the epoch (default: now). */
  const success = (data: unknown, at?: unknown): Partial<ContextState> => ({
    status: "success",
    data,
    error: null,
    dataUpdatedAt: typeof at === "number" ? at : Date.now(),
  });

  const run = async (entry: Entry, generation: number, query: string, noCache: boolean) => {
    let outcome: Partial<ContextState>;
    try {
      outcome = success(await http._read(entry._name, query, noCache, () => entry._generation !== generation));
    } catch (error) {
      outcome = { status: "error", error };
    }
    // Out of order: the entry was cleared or written meanwhile (a newer answer is shown). Only one
    // request per entry is in flight in a generation, so no other ordering is needed.
    if (entry._generation !== generation) return;
    entry._inflight = undefined;
    const again = entry._refetchAfter;
    entry._refetchAfter = false;
    entry._set({ ...outcome, isFetching: again });
    if (again) void fetch(entry);
  };

  /** Refetches matching subscribed reads; unsubscribed ones are fetched on their next subscribe. */
  const applyStale = (items: readonly Stale[], stamp: number, skip?: ReadonlySet<string>) => {
    if (items.length > 0) markStale((entry) => !skip?.has(entry._key) && items.some((item) => matches(entry, item)), stamp);
  };

  const markStale = (test: (entry: Entry) => boolean, stamp: number) => {
    const mark = ++bust;
    for (const entry of entries.values()) {
      if (!test(entry)) continue;
      entry._bust = mark;
      entry._noCache = true;
      if (entry._active === 0) entry._stale = true;
      else if (!entry._inflight) void fetch(entry);
      else if (entry._inflight._startedAt < stamp) entry._refetchAfter = true;
    }
  };

  /** Writes a state from outside a fetch: a response in flight read older data, so it is dropped. */
  const overwrite = (entry: Entry, state: Partial<ContextState>) => {
    entry._generation++;
    entry._inflight = undefined;
    entry._refetchAfter = false;
    entry._set({ ...state, isFetching: false });
  };

  const clearUserEntries = () => {
    hooks.onIdentity?.();
    for (const entry of entries.values()) {
      if (entry._scope === "public") continue;
      entry._stale = false;
      overwrite(entry, PENDING);
      if (entry._active > 0) void fetch(entry);
    }
  };

  const hydrate = (data: SsrData | undefined) => {
    for (const [key, seed] of Object.entries(data?.contexts ?? {})) {
      const bar = key.indexOf("|");
      if (bar > 0) {
        entryFor(key, key.slice(0, bar), key.slice(bar + 1))._set(success(seed.data, seed.updatedAt));
      }
    }
  };

  /** A read's stableKey and its entry (made on demand, so a collected entry comes back). */
  const locate = <P>(context: ContextDescriptor<P, unknown> | string, params: P | undefined) => {
    const descriptor: ContextDescriptor<P, unknown> = typeof context === "string" ? { name: context } : context;
    if (descriptor.schema) http._expectSchema(descriptor.schema);
    const { canonical, query } = encodeParams(params as Record<string, unknown> | undefined, descriptor.paramTypes);
    const key = `${descriptor.name}|${canonical}`;
    return {
      key,
      entryOf: (): Entry => {
        const entry = entryFor(key, descriptor.name, canonical);
        entry._query ??= query;
        if (descriptor.scope) entry._scope = descriptor.scope;
        return entry;
      },
    };
  };

  /** Writes a call's `refreshed` data (§3) into its entries; returns their keys, which need no refetch. */
  const applyRefreshed = (fresh: unknown): Set<string> => {
    const done = new Set<string>();
    for (const [key, value] of Object.entries(typeof fresh === "object" && fresh !== null ? fresh : {})) {
      const entry = entries.get(key);
      if (!entry || typeof value !== "object" || value === null || !("data" in value)) continue;
      entry._stale = false;
      overwrite(entry, success(value.data, (value as { updatedAt?: unknown }).updatedAt));
      done.add(key);
    }
    return done;
  };

  const hooks: LiveHooks = {
    keys: () => [...entries.values()].map((e) => [e._key, e._name] as const),
    stale: (test) => markStale((entry) => test(entry._key, entry._name), ++clock),
  };

  if (channel) {
    channel.onmessage = ({ data: message }: MessageEvent<Message>) => {
      if (message?.mizan !== 1) return;
      if (message.stale) applyStale(message.stale, ++clock);
      else {
        http._resetSession(message.csrf); // another tab logged in or out: the CSRF cookie was rotated
        clearUserEntries();
      }
    };
  }
  const doc = options.document === undefined ? (globalThis as { document?: Document }).document : options.document;
  if (doc) hydrate(readSsrData(doc));

  return {
    config,
    registerContext<P, R>(context: ContextDescriptor<P, R> | string, params?: P): ContextHandle<R> {
      const { key, entryOf } = locate(context, params);
      /** The unsubscribes of this handle's subscriptions. */
      const mine = new Set<() => void>();
      return {
        key,
        getState: () => entryOf()._state as ContextState<R>,
        subscribe(listener, enabled = true) {
          const entry = entryOf();
          const wrapped = () => listener();
          entry._listeners.add(wrapped);
          clearTimeout(entry._gcTimer);
          if (enabled) {
            entry._active++;
            if (!entry._inflight && (entry._state.status !== "success" || entry._stale)) void fetch(entry);
          }
          const stop = () => {
            if (!mine.delete(stop)) return;
            if (enabled) entry._active--;
            unsubscribe(entry, wrapped);
          };
          mine.add(stop);
          return stop;
        },
        refetch: () => fetch(entryOf()),
        unregister() {
          for (const stop of [...mine]) stop();
        },
      };
    },

    getData: (context, params) => locate(context, params).entryOf()._state.data as never,

    setData(context, params, data) {
      const entry = locate(context, params).entryOf();
      const previous = entry._state;
      overwrite(entry, success(typeof data === "function" ? (data as (old: unknown) => unknown)(previous.data) : data));
      const written = entry._state;
      return () => {
        if (entry._state !== written) return;
        entry._generation++;
        entry._set(previous.isFetching ? { ...previous, isFetching: false } : previous);
        if (previous.isFetching && entry._active > 0) void fetch(entry); // the dropped fetch, again
      };
    },

    async call<A, R>(fn: FunctionDescriptor<A, R> | string, args?: A): Promise<R> {
      const descriptor: FunctionDescriptor<A, R> = typeof fn === "string" ? { name: fn } : fn;
      if (descriptor.schema) http._expectSchema(descriptor.schema);
      // single-flight refresh (§3): the server answers with the fresh data of what it made stale
      const mounted = [...entries.values()].filter((e) => e._active > 0 && e._query !== undefined).map((e) => e._key).slice(0, MAX_REFRESH);
      const live = hooks.onCall;
      live?.("start");
      let response: Response;
      try {
        response = await http._call(descriptor.name, toJsonText(mounted.length > 0 ? { ...(args ?? {}), $refresh: mounted } : (args ?? {})));
      } catch (e) {
        live?.("end", null);
        throw e;
      }
      const stamp = ++clock;
      let stale: Stale[];
      let result: unknown = response;
      let redirect: unknown;
      let refreshed: Set<string> | undefined;
      if (/\bjson\b/i.test(response.headers.get("Content-Type") ?? "")) {
        const text = await response.text();
        stale = staleFrom((parseJson(text) as Member)?.invalidate); // lossless: big-integer params still match
        let fresh: unknown;
        ({ result, redirect, refreshed: fresh } = JSON.parse(text) as { result?: unknown; redirect?: unknown; refreshed?: unknown });
        refreshed = applyRefreshed(fresh);
      } else {
        const header = response.headers.get("Mizan-Invalidate");
        stale = header ? staleFrom(parseJson(header)) : [];
      }
      if (descriptor.sessionInit) {
        clearUserEntries();
        post(undefined, response.headers.get("Mizan-CSRF-Token") ?? undefined);
      }
      applyStale(stale, stamp, refreshed);
      if (stale.length > 0) post(stale);
      live?.("end", response.headers.get("Mizan-Event-Id"));
      if (typeof redirect === "string") config.onRedirect(redirect);
      return result as R;
    },

    invalidate(items) {
      const stale = staleFrom(parseJson(toJsonText(items)));
      applyStale(stale, ++clock);
      post(stale);
    },
    clearUserEntries,
    hydrate,
    live: hooks,
    get size() {
      return entries.size;
    },
    close() {
      channel?.close();
      for (const entry of entries.values()) clearTimeout(entry._gcTimer);
      entries.clear();
    },
  };
}

function matches(entry: Entry, item: Stale): boolean {
  return entry._name === item.context && item.params.every(([name, value]) => entry._param(name) === value);
}

/** A parsed JSON value read as an object; `?.` gives `undefined` for null, and any other value has none of these members. */
type Member = { readonly [name: string]: unknown } | null | undefined;

/** Reads an `invalidate` list (parsed losslessly) into canonical param values. */
function staleFrom(list: unknown): Stale[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const context = (item as Member)?.context;
    const params = (item as Member)?.params ?? {};
    return typeof context === "string"
      ? [{ context, params: Object.entries(params as object).map(([k, v]) => [k, canonicalValue(v)] as const) }]
      : [];
  });
}
