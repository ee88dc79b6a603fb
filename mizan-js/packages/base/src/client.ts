/**
 * The kernel: registered contexts, calls, invalidation across tabs, SSR seeds (DESIGN §9).
 */
import { canonicalValue, encodeParams } from "./canonical.js";
import { resolveConfig, type MizanConfig, type ResolvedConfig } from "./config.js";
import type { ContextDescriptor, FunctionDescriptor } from "./descriptors.js";
import { Entry, IDLE, type ContextState } from "./entry.js";
import { Http } from "./http.js";
import { readSsrData, type SsrData } from "./hydrate.js";
import { parseJson, toJsonText } from "./json.js";

/** What `registerContext` returns: the handle a framework adapter wraps. */
export interface ContextHandle<R = unknown> {
  /** `name|canonical`: equal for equal reads. */
  readonly key: string;
  /** The current state; the same object until something changes. */
  getState(): ContextState<R>;
  /** Listens for changes; the first subscriber starts a fetch unless the data is fresh. */
  subscribe(listener: () => void): () => void;
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

/** An invalidation with each param value in canonical JSON text (so it survives postMessage). */
interface Stale {
  readonly context: string;
  readonly params: ReadonlyArray<readonly [string, string]>;
}

type Message = { readonly mizan: 1; readonly type: "invalidate"; readonly items: Stale[] } | { readonly mizan: 1; readonly type: "clear-user" };

export class MizanClient {
  readonly config: ResolvedConfig;
  private readonly http: Http;
  private readonly entries = new Map<string, Entry>();
  private readonly channel: BroadcastChannel | undefined;
  /** Orders fetch starts against invalidation arrivals. */
  private clock = 0;
  /** The `_mz` counter (§5). */
  private bust = 0;

  constructor(config: MizanConfig) {
    this.config = resolveConfig(config);
    this.http = new Http(this.config);
    if (this.config.channel !== false && typeof BroadcastChannel !== "undefined") {
      this.channel = new BroadcastChannel(this.config.channel);
      this.channel.onmessage = (event: MessageEvent) => this.receive(event.data as Message);
    }
    const doc = config.document === undefined ? (globalThis as { document?: Document }).document : config.document;
    if (doc) this.hydrate(readSsrData(doc));
  }

  /** Registers a read. Nothing is fetched until the first `subscribe` (or `refetch`). */
  registerContext<P, R>(context: ContextDescriptor<P, R> | string, params?: P): ContextHandle<R> {
    const descriptor: ContextDescriptor<P, R> = typeof context === "string" ? { name: context } : context;
    const { canonical, query } = encodeParams(params as Record<string, unknown> | undefined, descriptor.paramTypes);
    const key = `${descriptor.name}|${canonical}`;
    const entryOf = (): Entry => {
      let entry = this.entries.get(key);
      if (!entry) {
        entry = new Entry(key, descriptor.name, canonical);
        this.entries.set(key, entry);
        this.scheduleGc(entry);
      }
      entry.query ??= query;
      if (descriptor.scope) entry.scope = descriptor.scope;
      return entry;
    };
    const mine = new Set<() => void>();
    return {
      key,
      getState: () => entryOf().state as ContextState<R>,
      subscribe: (listener) => {
        const wrapped = () => listener();
        mine.add(wrapped);
        const unsubscribe = this.subscribe(entryOf(), wrapped);
        return () => {
          mine.delete(wrapped);
          unsubscribe();
        };
      },
      refetch: () => this.fetch(entryOf()),
      unregister: () => {
        const entry = this.entries.get(key);
        for (const listener of mine) if (entry) this.unsubscribe(entry, listener);
        mine.clear();
      },
    };
  }

  /**
   * Runs a function: `POST /mizan/call/{name}`; refetches the registered reads its `invalidate`
   * list names (and tells other tabs); after a `sessionInit` function, clears every USER entry here
   * and in other tabs. Resolves to the `result`, or to the `Response` itself when the function
   * returned something other than JSON (a file).
   */
  async call<A, R>(fn: FunctionDescriptor<A, R> | string, args?: A): Promise<R> {
    const descriptor: FunctionDescriptor<A, R> = typeof fn === "string" ? { name: fn } : fn;
    const response = await this.http.call(descriptor.name, toJsonText(args ?? {}));
    const stamp = ++this.clock;
    let stale: Stale[];
    let result: unknown;
    let redirect: unknown;
    if (/\bjson\b/i.test(response.headers.get("Content-Type") ?? "")) {
      const text = await response.text();
      const tree = parseJson(text); // lossless, so big-integer params still match
      stale = staleFrom(member(tree, "invalidate"));
      ({ result, redirect } = JSON.parse(text) as { result?: unknown; redirect?: unknown });
    } else {
      const header = response.headers.get("Mizan-Invalidate");
      stale = header ? staleFrom(parseJson(header)) : [];
      result = response;
    }
    if (descriptor.sessionInit) {
      this.clearUserEntries();
      this.post({ mizan: 1, type: "clear-user" });
    }
    this.applyStale(stale, stamp);
    if (stale.length > 0) this.post({ mizan: 1, type: "invalidate", items: stale });
    if (typeof redirect === "string") this.config.onRedirect(redirect);
    return result as R;
  }

  /** Marks reads stale as if a call had returned these invalidations; other tabs are told too. */
  invalidate(items: readonly Invalidation[]): void {
    const stale = staleFrom(parseJson(toJsonText(items)));
    this.applyStale(stale, ++this.clock);
    this.post({ mizan: 1, type: "invalidate", items: stale });
  }

  /**
   * Drops the data of every USER entry (and of entries of unknown scope) and refetches those
   * still subscribed: the principal changed, and a stableKey carries no user (§9).
   */
  clearUserEntries(): void {
    for (const entry of this.entries.values()) {
      if (entry.scope === "PUBLIC") continue;
      entry.generation++;
      entry.inflight = undefined;
      entry.refetchAfter = false;
      entry.stale = false;
      entry.set(IDLE);
      if (entry.listeners.size > 0) void this.fetch(entry);
    }
  }

  /** Seeds entries from server-rendered data; they are not fetched while fresh. */
  hydrate(data: SsrData | undefined): void {
    for (const [key, seed] of Object.entries(data?.contexts ?? {})) {
      const bar = key.indexOf("|");
      if (bar < 0) continue;
      let entry = this.entries.get(key);
      if (!entry) {
        entry = new Entry(key, key.slice(0, bar), key.slice(bar + 1));
        this.entries.set(key, entry);
        this.scheduleGc(entry);
      }
      entry.set({ status: "success", data: seed.data, error: undefined, updatedAt: seed.updatedAt ?? Date.now() });
    }
  }

  /** How many entries are held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Stops listening to other tabs and drops every entry. */
  close(): void {
    this.channel?.close();
    for (const entry of this.entries.values()) clearTimeout(entry.gcTimer);
    this.entries.clear();
  }

  private subscribe(entry: Entry, listener: () => void): () => void {
    entry.listeners.add(listener);
    clearTimeout(entry.gcTimer);
    const { status } = entry.state;
    if (!entry.inflight && (status === "idle" || status === "error" || entry.stale)) void this.fetch(entry);
    return () => this.unsubscribe(entry, listener);
  }

  private unsubscribe(entry: Entry, listener: () => void): void {
    if (entry.listeners.delete(listener) && entry.listeners.size === 0) this.scheduleGc(entry);
  }

  private scheduleGc(entry: Entry): void {
    clearTimeout(entry.gcTimer);
    entry.gcTimer = setTimeout(() => {
      if (entry.listeners.size === 0 && this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    }, this.config.gcTime);
    (entry.gcTimer as { unref?: () => void }).unref?.();
  }

  /** Starts a fetch, or joins the one in flight (one request per stableKey). */
  private fetch(entry: Entry): Promise<void> {
    if (entry.inflight) return entry.inflight.promise;
    if (entry.query === undefined) return Promise.resolve(); // seeded by SSR, never registered
    const seq = ++entry.started;
    const generation = entry.generation;
    const query = [entry.query, entry.bust ? `_mz=${entry.bust}` : ""].filter(Boolean).join("&");
    const noCache = entry.noCache;
    entry.noCache = false;
    entry.stale = false;
    const promise = this.run(entry, seq, generation, query, noCache);
    entry.inflight = { promise, startedAt: ++this.clock };
    entry.set({ status: entry.state.updatedAt ? entry.state.status : "loading", isFetching: true });
    return promise;
  }

  private async run(entry: Entry, seq: number, generation: number, query: string, noCache: boolean): Promise<void> {
    let outcome: Partial<ContextState>;
    try {
      const data = await this.http.read(entry.name, query, noCache, () => entry.generation !== generation);
      outcome = { status: "success", data, error: undefined, updatedAt: Date.now() };
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
    if (again) void this.fetch(entry);
  }

  /** Refetches matching subscribed reads; unsubscribed ones are fetched on their next subscribe. */
  private applyStale(items: readonly Stale[], stamp: number): void {
    if (items.length === 0) return;
    const bust = ++this.bust;
    for (const entry of this.entries.values()) {
      if (!items.some((item) => matches(entry, item))) continue;
      entry.bust = bust;
      entry.noCache = true;
      if (entry.listeners.size === 0) entry.stale = true;
      else if (!entry.inflight) void this.fetch(entry);
      else if (entry.inflight.startedAt < stamp) entry.refetchAfter = true;
    }
  }

  private post(message: Message): void {
    this.channel?.postMessage(message);
  }

  private receive(message: Message): void {
    if (message?.mizan !== 1) return;
    if (message.type === "invalidate") this.applyStale(message.items, ++this.clock);
    else if (message.type === "clear-user") {
      this.http.resetSession(); // another tab logged in or out: the CSRF cookie was rotated
      this.clearUserEntries();
    }
  }
}

function matches(entry: Entry, item: Stale): boolean {
  return entry.name === item.context && item.params.every(([name, value]) => entry.param(name) === value);
}

function member(tree: unknown, name: string): unknown {
  return typeof tree === "object" && tree !== null ? (tree as Record<string, unknown>)[name] : undefined;
}

/** Reads an `invalidate` list losslessly into canonical param values. */
function staleFrom(list: unknown): Stale[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const context = member(item, "context");
    if (typeof context !== "string") return [];
    const params = member(item, "params");
    const pairs = params && typeof params === "object" ? Object.entries(params).map(([k, v]) => [k, canonicalValue(v)] as const) : [];
    return [{ context, params: pairs }];
  });
}
