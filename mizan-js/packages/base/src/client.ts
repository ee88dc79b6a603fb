/**
 * The kernel: registered contexts, calls, invalidation across tabs, SSR seeds (docs/internals/client-kernel.md).
 * Written as a closure rather than a class so that minifiers can shorten every internal name.
 */
import { canonicalValue, encodeParams } from "./canonical.js";
import { channelName, type MizanConfig } from "./config.js";
import type { ContextDescriptor, FunctionDescriptor } from "./descriptors.js";
import { Entry, PENDING, type ContextState } from "./entry.js";
import { createHttp } from "./http.js";
import { MizanError, networkError } from "./errors.js";
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

/** One entry of a call's `invalidate` list (docs/reference/protocol.md). */
export interface Invalidation {
  readonly context: string;
  /** When present, only reads whose params include these same values are stale. */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A Mizan client: one per page (or per tab), usually made by `configure`. */
export interface MizanClient {
  /** The config it was made with. */
  readonly config: MizanConfig;
  /** Registers a read. Nothing is fetched until the first `subscribe` (or `refetch`). */
  registerContext<P, R>(context: ContextDescriptor<P, R> | string, params?: P): ContextHandle<R>;
  /**
   * Runs a function: `POST /mizan/call/{name}`; refetches the registered reads its `invalidate`
   * list names (and tells other tabs); after a `sessionInit` function, clears every USER entry here
   * and in other tabs. Resolves to the `result`, or, when the function returned a `Response` of its
   * own (a file, a JSON document: it comes with `Mizan-Invalidate`), to that `Response`, body unread.
   */
  call<A, R>(fn: FunctionDescriptor<A, R> | string, args?: A): Promise<R>;
  /** Marks reads stale as if a call had returned these invalidations; other tabs are told too. */
  invalidate(items: readonly Invalidation[]): void;
  /**
   * Drops the data of every USER entry (and of entries of unknown scope) and refetches those
   * still subscribed: the principal changed, and a stableKey carries no user (docs/reference/client.md).
   */
  clearUserEntries(): void;
  /** Seeds entries from server-rendered data; they are not fetched while fresh. */
  hydrate(data: SsrData | undefined): void;
  /** The data a read holds now (`undefined` when it has none). */
  getData<P, R>(context: ContextDescriptor<P, R> | string, params?: P): R | undefined;
  /**
   * Writes a read's data, as if the server had sent it (an optimistic update); a fetch in flight
   * for it is dropped. Returns an undo that takes this write back: the read shows its state from
   * before its optimistic writes with the others still standing replayed (an updater runs again),
   * or, none left, that state itself; unless the server's data has arrived since (then nothing).
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
  /**
   * Told when the principal changed (a login or logout here or in another tab). Returns true when a
   * `resync` will follow (the stream reopens as the new user): the kernel leaves its USER reads to it.
   */
  onIdentity?: () => boolean;
  /** When the server read the SSR data this client was seeded with (epoch ms, as the page says): the events stream catches up from then. */
  readAt?: unknown;
  /** `performance.now()` when this client was made: without `readAt`, the events stream catches up on what changed since. */
  readonly madeAt: number;
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
 * login or logout, with the CSRF token it rotated (`csrf`), so that no other tab needs `/session` again,
 * and the login call's own invalidations (`invalidated`), which the resync that follows reads anyway.
 * The shape is kept across versions: a tab that still runs an older page reads a sign-out as one.
 */
interface Message {
  readonly mizan: 1;
  readonly stale?: Stale[];
  readonly csrf?: string | null;
  readonly invalidated?: Stale[];
}

export function createClient(config: MizanConfig): MizanClient {
  const http = createHttp(config, () => clearUserEntries());
  const entries = new Map<string, Entry>();
  /** Orders fetch starts against invalidation arrivals; its value at an invalidation is the `_mz` buster. */
  let clock = 0;
  /**
   * Follows the clock in `_mz`, so that no other page load (whose clock also starts at 0) sends the same
   * buster: a CDN may still hold the copy an earlier page's buster fetched (docs/internals/client-kernel.md).
   */
  const page = Math.random().toString(36).slice(1) + Date.now().toString(36);

  // forgotten by close(): a call still in flight then tells no other tab, and resolves as the server answered
  let channel = config.channel !== false && typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(channelName(config)) : undefined;
  const post = (stale?: Stale[], csrf?: string | null, invalidated?: Stale[]) => channel?.postMessage({ mizan: 1, stale, csrf, invalidated } satisfies Message);

  const gcTime = config.gcTime ?? 300_000;
  const scheduleGc = (entry: Entry) => {
    clearTimeout(entry._gcTimer);
    // Infinity (TanStack's "never"), or beyond what setTimeout can wait (about 24.8 days, which it
    // would cut to 1 ms): the entry is kept
    if (!(gcTime < 2 ** 31)) return;
    entry._gcTimer = setTimeout(() => {
      if (entry._listeners.size || entries.get(entry._key) !== entry) return;
      // never drop an entry while its fetch runs: a refetch() with no subscriber would lose its result
      if (entry._inflight) void entry._inflight.finally(() => scheduleGc(entry));
      else entries.delete(entry._key);
    }, gcTime);
    (entry._gcTimer as { unref?: () => void }).unref?.();
  };

  /** The entry of a stableKey, made on demand (so a collected entry comes back). */
  const entryFor = (key: string): Entry => {
    let entry = entries.get(key);
    if (!entry) {
      entries.set(key, (entry = new Entry(key)));
      scheduleGc(entry);
    }
    return entry;
  };

  /** Starts a fetch, or joins the one in flight (one request per stableKey). */
  const fetch = (entry: Entry): Promise<void> => {
    const { _query: query, _bust: mark, _generation: generation } = entry;
    if (entry._inflight) return entry._inflight;
    if (query === undefined) return Promise.resolve(); // seeded by SSR, never registered
    const promise = http
      ._read(entry._name, mark ? `${query && `${query}&`}_mz=${mark}${page}` : query, entry._noCache, () => entry._generation !== generation)
      // http wraps every failure of a read (network, status, body) in a MizanError
      .then(success, (error: unknown): Partial<ContextState> => ({ status: "error", error: error as MizanError }))
      .then((outcome) => {
        // Out of order: the entry was cleared or written meanwhile (a newer answer is shown). Only
        // one request per entry is in flight in a generation, so no other ordering is needed.
        if (entry._generation !== generation) return;
        // the refetch an invalidation queued waits for an enabled subscriber, as any stale read does
        const again = entry._refetchAfter && entry._active > 0;
        if (entry._refetchAfter && !again) entry._stale = true;
        entry._inflight = undefined;
        entry._refetchAfter = false;
        if (outcome.status === "success") entry._writes = undefined; // newer than any optimistic write: kept
        entry._set({ ...outcome, isFetching: !!again });
        if (again) void fetch(entry);
      });
    entry._noCache = entry._stale = false;
    entry._inflight = promise;
    entry._startedAt = ++clock;
    entry._set({ isFetching: true });
    return promise;
  };

  /** Marks the entries that pass `test` stale at `stamp`: subscribed ones refetch, the others on their next subscribe. */
  const markStale = (test: (entry: Entry) => unknown, stamp: number) => {
    for (const entry of entries.values()) {
      if (!test(entry)) continue;
      entry._bust = stamp;
      entry._noCache = true;
      // a fetch in flight from before the change reads again as it ends (if subscribed by then, else on the next subscribe)
      if (entry._inflight) entry._refetchAfter ||= entry._startedAt! < stamp;
      else if (!entry._active) entry._stale = true;
      else void fetch(entry);
    }
  };

  const applyStale = (items: readonly Stale[], stamp: number, skip?: ReadonlySet<string>) =>
    markStale((entry) => !skip?.has(entry._key) && items.some((item) => matches(entry, item)), stamp);

  /** Counts the principal's changes (login, logout): data read before one is never shown after it. */
  let identity = 0;

  /** Writes a state from outside a fetch: a response in flight read older data, so it is dropped. */
  const overwrite = (entry: Entry, state: Partial<ContextState>) => {
    entry._generation++;
    entry._inflight = entry._writes = undefined;
    entry._refetchAfter = false;
    entry._set({ ...state, isFetching: false });
  };

  /**
   * Drops what was read as the previous principal. With live updates on, the stream reopens as the new
   * user and resyncs (events may be missed in between), which reads every mounted entry: fetched now as
   * well, they would be read twice. Returns whether that resync is awaited.
   */
  const clearUserEntries = () => {
    identity++;
    const resyncs = !!hooks.onIdentity?.();
    for (const entry of entries.values()) {
      if (entry._scope === "public") continue;
      entry._stale = false;
      overwrite(entry, PENDING);
      if (entry._active && !resyncs) void fetch(entry);
    }
    return resyncs;
  };

  const hydrate = (data: SsrData | undefined) => {
    // the first seed's: a page is seeded once, by the server (checked where it is sent: @mizan/base/events)
    hooks.readAt ??= data?.readAt;
    for (const [key, seed] of Object.entries(data?.contexts ?? {})) {
      if (key.indexOf("|") <= 0) continue;
      const entry = entryFor(key);
      entry._writes = undefined; // the server's data, as a fetched answer: newer than any optimistic write
      entry._set(success(seed.data, seed.updatedAt));
    }
  };

  /** A read's stableKey and its entry, which learns the read's query and scope. */
  const locate = <P>(context: ContextDescriptor<P, unknown> | string, params: P | undefined): [key: string, entry: () => Entry] => {
    const descriptor: ContextDescriptor<P, unknown> = typeof context === "string" ? { name: context } : context;
    http._expectSchema(descriptor.schema);
    const { canonical, query } = encodeParams(params as Record<string, unknown> | undefined, descriptor.paramTypes);
    const key = `${descriptor.name}|${canonical}`;
    return [
      key,
      () => {
        const entry = entryFor(key);
        entry._query ??= query;
        entry._scope = descriptor.scope ?? entry._scope;
        return entry;
      },
    ];
  };

  const hooks: LiveHooks = {
    keys: () => [...entries.values()].map((e) => [e._key, e._name] as const),
    stale: (test) => markStale((entry) => test(entry._key, entry._name), ++clock),
    madeAt: performance.now(),
  };

  if (channel) {
    channel.onmessage = ({ data: message }: MessageEvent<Message>) => {
      if (message?.mizan !== 1) return;
      const stamp = ++clock; // before clearUserEntries' reads: the login's list does not read those again
      if (message.stale) return applyStale(message.stale, stamp);
      http._resetSession(message.csrf); // another tab logged in or out: the CSRF cookie was rotated
      // the resync that follows reads every mounted entry, the login's own invalidations too: not twice
      if (!clearUserEntries() && message.invalidated) applyStale(message.invalidated, stamp);
    };
  }
  const doc = config.document === undefined ? (globalThis as { document?: Document }).document : config.document;
  if (doc) hydrate(readSsrData(doc));

  return {
    config,
    registerContext<P, R>(context: ContextDescriptor<P, R> | string, params?: P): ContextHandle<R> {
      const [key, entryOf] = locate(context, params);
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
            if (entry._listeners.delete(wrapped) && !entry._listeners.size) scheduleGc(entry);
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

    getData: (context, params) => locate(context, params)[1]()._state.data as never,

    setData(context, params, data) {
      const entry = locate(context, params)[1]();
      const { _state: state, _writes: writes = [] } = entry;
      // the state from before the writes still undoable, marked when a write drops a fetch in flight
      const base = writes[0] ? entry._base! : state;
      const mine: [unknown] = [data];
      overwrite(entry, success(write(state.data, mine)));
      entry._base = state.isFetching ? { ...base, isFetching: true } : base;
      entry._writes = [...writes, mine];
      return () => {
        const writes = entry._writes;
        // newer data from the server since (or undone already): nothing to undo
        if (!writes?.includes(mine)) return;
        const base = entry._base!;
        const rest = (entry._writes = writes.filter((w) => w !== mine));
        // the other writes still stand, replayed over the state from before them all
        entry._set({ ...(rest[0] ? success(rest.reduce(write, base.data)) : base), isFetching: !!entry._inflight });
        if (!rest[0] && base.isFetching && entry._active) void fetch(entry); // a dropped fetch, again
      };
    },

    async call<A, R>(fn: FunctionDescriptor<A, R> | string, args?: A): Promise<R> {
      const descriptor: FunctionDescriptor<A, R> = typeof fn === "string" ? { name: fn } : fn;
      http._expectSchema(descriptor.schema);
      // single-flight refresh (docs/reference/protocol.md): the server answers with the fresh data of what it made stale
      const mounted = [...entries.values()].filter((e) => e._active && e._query !== undefined).map((e) => e._key).slice(0, MAX_REFRESH);
      const live = hooks.onCall;
      const caller = identity;
      /** Fetches started after this are newer than the call (`_startedAt` > `sent`). */
      const sent = clock;
      live?.("start");
      /** The call's event id, told with "end" however the call ends: the echo of its purges is then ignored. */
      let eventId: string | null = null;
      // the server signs the caller out before a sessionInit function runs (docs/reference/security.md): a
      // login that failed leaves nobody signed in, so the entries read as the previous user go, in every tab,
      // once, however the call ends. Not after a CSRF refusal (the server ran nothing), nor when the POST
      // never left (`/session` or `getToken` failed: nobody was signed out): `true` until `_call` sends it
      let signedOut = true;
      /** The CSRF token the answer rotated, told to the other tabs once its body was read. */
      let rotated: string | null | undefined;
      /**
       * Signs this tab and the others out, telling them the call's `stale` list. Returns whether the events
       * stream's `resync` will read every mounted entry again; `undefined` when the call signed no one out.
       */
      const signOut = (stale?: Stale[]) => {
        if (signedOut) return;
        signedOut = true;
        const resyncs = clearUserEntries();
        post(undefined, rotated, stale);
        return resyncs;
      };
      try {
        const response = await http._call(descriptor.name, toJsonText(mounted.length ? { ...args, $refresh: mounted } : (args ?? {})), () => (signedOut = !descriptor.sessionInit));
        const header = (name: string) => response.headers.get(name);
        // Mizan's own JSON body; a function's own Response (any type, JSON too) carries the list in
        // Mizan-Invalidate instead, which the server sets on every such response (docs/reference/protocol.md)
        let invalidate: unknown = header("Mizan-Invalidate");
        let text: string | undefined;
        if (invalidate === null && /\bjson\b/i.test(header("Content-Type") ?? "")) {
          text = await response.text().catch((e: unknown) => { throw networkError(e); });
        }
        rotated = header("Mizan-CSRF-Token");
        const stamp = ++clock;
        let result: unknown = response;
        let redirect: unknown;
        const done = new Set<string>();
        if (text !== undefined) {
          let body: Record<string, unknown>;
          try {
            invalidate = (parseJson(text) as Member)?.invalidate; // lossless: big-integer params still match
            body = JSON.parse(text) as Record<string, unknown>;
          } catch (e) {
            throw new MizanError(response.status, { code: "bad_response" }, { cause: e });
          }
          let refreshed: unknown;
          ({ result, redirect, refreshed } = body);
          // the `refreshed` data (docs/reference/protocol.md) goes into its entries, which then need no
          // refetch; not after a login or logout in the meantime (it was read as the previous user), nor
          // into an entry whose fetch started after the call was sent (that fetch's answer, shown or to
          // come, is kept), nor into one that another change made stale after it was sent (the server may
          // have read it before that change): those entries are refetched as stale, as the ones the server
          // left out
          for (const [key, value] of identity === caller ? Object.entries(refreshed ?? {}) : []) {
            const entry = entries.get(key);
            if (entry && (value as Member)?.data !== undefined && !(entry._startedAt! > sent) && !(entry._bust! > sent)) {
              entry._stale = false;
              overwrite(entry, success((value as Member)!.data, (value as Member)!.updatedAt));
              // as a fetch answered now: the `refreshed` data of a call sent before this answer (read
              // before or after this call's changes, who knows) refetches instead of replacing it
              entry._startedAt = stamp;
              done.add(key);
            }
          }
        } else if (typeof invalidate === "string") invalidate = parseJson(invalidate);
        const stale = staleFrom(invalidate);
        // after a login or logout the resync reads these too, in every tab: not twice
        const resyncs = signOut(stale);
        if (!resyncs) applyStale(stale, stamp, done);
        // told with the sign-out, if any
        if (resyncs === undefined && stale.length) post(stale);
        eventId = header("Mizan-Event-Id");
        if (typeof redirect === "string" && followable(redirect)) (config.onRedirect ?? ((url) => (globalThis as { location?: Location }).location?.assign(url)))(redirect);
        return result as R;
      } catch (e) {
        if (!(e instanceof MizanError && e.code === "csrf")) signOut();
        throw e;
      } finally {
        live?.("end", eventId);
      }
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
      channel = undefined;
      for (const entry of entries.values()) clearTimeout(entry._gcTimer);
      entries.clear();
    },
  };
}

/** A state holding data received (or written) at `at`, ms since the epoch (default: now). */
function success(data: unknown, at?: unknown): Partial<ContextState> {
  return { status: "success", data, error: null, dataUpdatedAt: typeof at === "number" ? at : Date.now() };
}

/** An optimistic write applied to the data before it: a value, or an updater of the old data. */
function write(old: unknown, [data]: [unknown]): unknown {
  return typeof data === "function" ? (data as (old: unknown) => unknown)(old) : data;
}

function matches(entry: Entry, item: Stale): boolean {
  return entry._name === item.context && item.params.every(([name, value]) => entry._param(name) === value);
}

/** A parsed JSON value read as an object; `?.` gives `undefined` for null, and any other value has none of these members. */
type Member = { readonly [name: string]: unknown } | null | undefined;

/** Reads an `invalidate` list (parsed losslessly) into canonical param values. */
function staleFrom(list: unknown): Stale[] {
  return Array.isArray(list)
    ? list.flatMap((item: Member) =>
        typeof item?.context === "string"
          ? [{ context: item.context, params: Object.entries(item.params ?? {}).map(([k, v]) => [k, canonicalValue(v)] as const) }]
          : [],
      )
    : [];
}

/** Only http(s) targets are followed: a `javascript:` URL from an open redirect would run on this origin. */
function followable(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url, (globalThis as { location?: Location }).location?.href ?? "http://localhost/").protocol);
  } catch {
    return false;
  }
}
