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
  /** The stableKeys of every entry held, and whether a subscriber has it mounted. */
  keys(): ReadonlyArray<readonly [key: string, context: string, mounted: boolean]>;
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

type Message = { readonly mizan: 1; readonly type: "invalidate"; readonly items: Stale[] } | { readonly mizan: 1; readonly type: "clear-user" };

export function createClient(options: MizanConfig): MizanClient {
  const config = resolveConfig(options);
  const http = createHttp(config);
  const entries = new Map<string, Entry>();
  /** Orders fetch starts against invalidation arrivals. */
  let clock = 0;
  /** The `_mz` counter (§5). */
  let bust = 0;

  const channel = config.channel !== false && typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(config.channel) : undefined;
  const post = (message: Message) => channel?.postMessage(message);

  const scheduleGc = (entry: Entry) => {
    clearTimeout(entry.gcTimer);
    entry.gcTimer = setTimeout(() => {
      if (entry.listeners.size !== 0 || entries.get(entry.key) !== entry) return;
      // never drop an entry while its fetch runs: a refetch() with no subscriber would lose its result
      if (entry.inflight) void entry.inflight.promise.finally(() => scheduleGc(entry));
      else entries.delete(entry.key);
    }, config.gcTime);
    (entry.gcTimer as { unref?: () => void }).unref?.();
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
    if (entry.listeners.delete(listener) && entry.listeners.size === 0) scheduleGc(entry);
  };

  /** Starts a fetch, or joins the one in flight (one request per stableKey). */
  const fetch = (entry: Entry): Promise<void> => {
    if (entry.inflight) return entry.inflight.promise;
    if (entry.query === undefined) return Promise.resolve(); // seeded by SSR, never registered
    const seq = ++entry.started;
    const generation = entry.generation;
    const query = [entry.query, entry.bust ? `_mz=${entry.bust}` : ""].filter(Boolean).join("&");
    const noCache = entry.noCache;
    entry.noCache = entry.stale = false;
    const promise = run(entry, seq, generation, query, noCache);
    entry.inflight = { promise, startedAt: ++clock };
    entry.set({ isFetching: true });
    return promise;
  };

  const run = async (entry: Entry, seq: number, generation: number, query: string, noCache: boolean) => {
    let outcome: Partial<ContextState>;
    try {
      const data = await http.read(entry.name, query, noCache, () => entry.generation !== generation);
      outcome = { status: "success", data, error: null, dataUpdatedAt: Date.now() };
    } catch (error) {
      outcome = { status: "error", error };
    }
    // Out of order: the entry was cleared meanwhile, or a newer answer is already shown.
    if (entry.generation !== generation || seq < entry.applied) return;
    entry.applied = seq;
    entry.inflight = undefined;
    const again = entry.refetchAfter;
    entry.refetchAfter = false;
    entry.set({ ...outcome, isFetching: again });
    if (again) void fetch(entry);
  };

  /** Refetches matching subscribed reads; unsubscribed ones are fetched on their next subscribe. */
  const applyStale = (items: readonly Stale[], stamp: number, skip?: ReadonlySet<string>) => {
    if (items.length > 0) markStale((entry) => !skip?.has(entry.key) && items.some((item) => matches(entry, item)), stamp);
  };

  const markStale = (test: (entry: Entry) => boolean, stamp: number) => {
    const mark = ++bust;
    for (const entry of entries.values()) {
      if (!test(entry)) continue;
      entry.bust = mark;
      entry.noCache = true;
      if (entry.active === 0) entry.stale = true;
      else if (!entry.inflight) void fetch(entry);
      else if (entry.inflight.startedAt < stamp) entry.refetchAfter = true;
    }
  };

  const clearUserEntries = () => {
    hooks.onIdentity?.();
    for (const entry of entries.values()) {
      if (entry.scope === "public") continue;
      entry.generation++;
      entry.inflight = undefined;
      entry.refetchAfter = entry.stale = false;
      entry.set(PENDING);
      if (entry.active > 0) void fetch(entry);
    }
  };

  const hydrate = (data: SsrData | undefined) => {
    for (const [key, seed] of Object.entries(data?.contexts ?? {})) {
      const bar = key.indexOf("|");
      if (bar > 0) {
        entryFor(key, key.slice(0, bar), key.slice(bar + 1)).set({
          status: "success",
          data: seed.data,
          error: null,
          dataUpdatedAt: seed.updatedAt ?? Date.now(),
        });
      }
    }
  };

  /** A read's stableKey and its entry (made on demand, so a collected entry comes back). */
  const locate = <P>(context: ContextDescriptor<P, unknown> | string, params: P | undefined) => {
    const descriptor: ContextDescriptor<P, unknown> = typeof context === "string" ? { name: context } : context;
    if (descriptor.schema) http.expectSchema(descriptor.schema);
    const { canonical, query } = encodeParams(params as Record<string, unknown> | undefined, descriptor.paramTypes);
    const key = `${descriptor.name}|${canonical}`;
    return {
      key,
      entryOf: (): Entry => {
        const entry = entryFor(key, descriptor.name, canonical);
        entry.query ??= query;
        if (descriptor.scope) entry.scope = descriptor.scope;
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
      entry.generation++; // a fetch in flight read older data
      entry.inflight = undefined;
      entry.refetchAfter = entry.stale = false;
      const at = (value as { updatedAt?: unknown }).updatedAt;
      entry.set({ status: "success", data: value.data, error: null, isFetching: false, dataUpdatedAt: typeof at === "number" ? at : Date.now() });
      done.add(key);
    }
    return done;
  };

  const hooks: LiveHooks = {
    keys: () => [...entries.values()].map((e) => [e.key, e.name, e.active > 0] as const),
    stale: (test) => markStale((entry) => test(entry.key, entry.name), ++clock),
  };

  if (channel) {
    channel.onmessage = ({ data: message }: MessageEvent<Message>) => {
      if (message?.mizan !== 1) return;
      if (message.type === "invalidate") applyStale(message.items, ++clock);
      else {
        http.resetSession(); // another tab logged in or out: the CSRF cookie was rotated
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
        getState: () => entryOf().state as ContextState<R>,
        subscribe(listener, enabled = true) {
          const entry = entryOf();
          const wrapped = () => listener();
          entry.listeners.add(wrapped);
          clearTimeout(entry.gcTimer);
          if (enabled) {
            entry.active++;
            if (!entry.inflight && (entry.state.status !== "success" || entry.stale)) void fetch(entry);
          }
          const stop = () => {
            if (!mine.delete(stop)) return;
            if (enabled) entry.active--;
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

    getData: (context, params) => locate(context, params).entryOf().state.data as never,

    setData(context, params, data) {
      const entry = locate(context, params).entryOf();
      const previous = entry.state;
      entry.generation++; // drops a response in flight: it was read before this write
      entry.inflight = undefined;
      entry.refetchAfter = false;
      entry.set({
        status: "success",
        data: typeof data === "function" ? (data as (old: unknown) => unknown)(previous.data) : data,
        error: null,
        isFetching: false,
        dataUpdatedAt: Date.now(),
      });
      const written = entry.state;
      return () => {
        if (entry.state !== written) return;
        entry.generation++;
        entry.set(previous.isFetching ? { ...previous, isFetching: false } : previous);
        if (previous.isFetching && entry.active > 0) void fetch(entry); // the dropped fetch, again
      };
    },

    async call<A, R>(fn: FunctionDescriptor<A, R> | string, args?: A): Promise<R> {
      const descriptor: FunctionDescriptor<A, R> = typeof fn === "string" ? { name: fn } : fn;
      if (descriptor.schema) http.expectSchema(descriptor.schema);
      // single-flight refresh (§3): the server answers with the fresh data of what it made stale
      const mounted = [...entries.values()].filter((e) => e.active > 0 && e.query !== undefined).map((e) => e.key).slice(0, MAX_REFRESH);
      const live = hooks.onCall;
      live?.("start");
      let response: Response;
      try {
        response = await http.call(descriptor.name, toJsonText(mounted.length > 0 ? { ...(args ?? {}), $refresh: mounted } : (args ?? {})));
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
        stale = staleFrom(member(parseJson(text), "invalidate")); // lossless: big-integer params still match
        let fresh: unknown;
        ({ result, redirect, refreshed: fresh } = JSON.parse(text) as { result?: unknown; redirect?: unknown; refreshed?: unknown });
        refreshed = applyRefreshed(fresh);
      } else {
        const header = response.headers.get("Mizan-Invalidate");
        stale = header ? staleFrom(parseJson(header)) : [];
      }
      if (descriptor.sessionInit) {
        clearUserEntries();
        post({ mizan: 1, type: "clear-user" });
      }
      applyStale(stale, stamp, refreshed);
      if (stale.length > 0) post({ mizan: 1, type: "invalidate", items: stale });
      live?.("end", response.headers.get("Mizan-Event-Id"));
      if (typeof redirect === "string") config.onRedirect(redirect);
      return result as R;
    },

    invalidate(items) {
      const stale = staleFrom(parseJson(toJsonText(items)));
      applyStale(stale, ++clock);
      post({ mizan: 1, type: "invalidate", items: stale });
    },
    clearUserEntries,
    hydrate,
    live: hooks,
    get size() {
      return entries.size;
    },
    close() {
      channel?.close();
      for (const entry of entries.values()) clearTimeout(entry.gcTimer);
      entries.clear();
    },
  };
}

function matches(entry: Entry, item: Stale): boolean {
  return entry.name === item.context && item.params.every(([name, value]) => entry.param(name) === value);
}

function member(tree: unknown, name: string): unknown {
  return typeof tree === "object" && tree !== null ? (tree as Record<string, unknown>)[name] : undefined;
}

/** Reads an `invalidate` list (parsed losslessly) into canonical param values. */
function staleFrom(list: unknown): Stale[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const context = member(item, "context");
    const params = member(item, "params") ?? {};
    return typeof context === "string"
      ? [{ context, params: Object.entries(params as object).map(([k, v]) => [k, canonicalValue(v)] as const) }]
      : [];
  });
}
