/**
 * `@mizan/base/events`: live updates over `GET /mizan/events` (docs/how-to/live-updates.md).
 *
 * One stream per browser: the tabs of one origin elect a leader with the Web Locks API; the leader
 * reads the stream with `fetch` (so it can send `Authorization`) and shares each event with the
 * other tabs over a `BroadcastChannel`. When the leader tab closes, its lock is released and another
 * tab takes the stream. Every tab refetches the mounted reads an event names; the echo of a call made
 * by a tab of this browser is ignored (the call's own `invalidate` list already refreshed them), and
 * after a reconnect or a takeover the new stream catches up from the server's clock in the last comment
 * the browser's stream brought once caught up (heartbeats carry it; the leader tells the other tabs),
 * and after a `resync` from the server (or a login or logout) every mounted read is refetched.
 *
 * A tab catches up on what changed between its first reads and its first stream (docs/how-to/live-updates.md,
 * "Catching up"). Once, from the SSR data's `readAt` (`since=`), or, not seeded, from when the client
 * was made (`recent=`, a duration, so no clocks are compared): on the browser's first stream when this tab
 * opens it, or, when another tab holds the stream and this tab has reads
 * already (seeded or registered before it connected), on a request of its own whose events this tab acts
 * on alone (the other tabs heard them live) and which it ends at `replayed` (or after 10 s; a 404, a 503
 * or an answer that is no stream: given up, never retried). The server first sends the `invalidate`
 * events since then, or `resync` when it can no longer tell, then `replayed`, then live ones.
 */
import type { MizanClient } from "./client.js";
import { channelName } from "./config.js";

/** Options of {@link connectEvents}. */
export interface EventsOptions {
  /**
   * Delay before reconnect `attempt` (1, 2, ...), in ms. Default: 500 · 2^(attempt−1), at most 24 s, plus up
   * to 25 % jitter, so never over 30 s. A 503's `Retry-After` is waited instead, capped and jittered the
   * same way (at most 30 s).
   */
  readonly reconnectDelay?: (attempt: number) => number;
  /** A stream silent for this long (no event, no heartbeat) is dropped and reopened, in ms (default 60 000). */
  readonly idleTimeout?: number;
  /** Called with each event this tab acts on (for tests and diagnostics). */
  readonly onEvent?: (event: LiveEvent) => void;
}

/** An event as the tabs share it. */
export type LiveEvent =
  | { readonly type: "invalidate"; readonly id?: string; readonly context: string; readonly digest?: string }
  | { readonly type: "resync" };

/** What {@link connectEvents} returns. */
export interface EventsConnection {
  /** Whether this tab holds the browser's stream now. */
  readonly leader: boolean;
  /**
   * Stops the stream (if this tab holds it, another tab takes over) and stops listening, at once: a
   * reconnect wait ends, a queued lock request is withdrawn, held events are dropped, `leader` is false.
   */
  close(): void;
}

type Shared =
  | { readonly mizan: 1; readonly type: "event"; readonly event: LiveEvent }
  | { readonly mizan: 1; readonly type: "call"; readonly tab: string; readonly phase: "start" | "end"; readonly id?: string | null }
  | { readonly mizan: 1; readonly type: "clock"; readonly at: number }
  | { readonly mizan: 1; readonly type: "ask" };

/**
 * Another tab's call holds events back at most this long (a tab closed mid-call never holds them
 * forever); this tab's own calls hold until they end, and each event waits at most this long anyway.
 */
const HOLD_MS = 10_000;
/** Event ids of this browser's calls remembered, to ignore their echoes. */
const ECHOES = 256;
/**
 * The longest line (and event) a stream may send, in characters: Mizan's are a few hundred. Something
 * else answering with `text/event-stream` (a proxy, a filter) must not make the leader tab hold and
 * re-split an endless line; the stream is dropped and opened again.
 */
const MAX_LINE = 1 << 20;
/** The longest a tab's own catch-up request stays open. */
const CATCH_UP_MS = 10_000;
/** A stream that stayed open this long resets the reconnect backoff (one that ends at once does not). */
const STEADY_MS = 10_000;
/** After a login or logout, the longest wait for the reopened stream's resync, which the USER reads wait for. */
const RESYNC_WAIT = 2_000;
/** The longest reconnect wait, jitter included (docs/how-to/live-updates.md, "Reconnects"). */
const MAX_WAIT = 30_000;

/**
 * A reconnect wait of at least `ms` (capped), plus up to 25 % jitter, at most MAX_WAIT: tabs refused
 * together (a 503 at max-streams, a node restarting) come back spread out, and a `Retry-After` of an
 * hour (or one beyond setTimeout's 2^31−1 ms, which would fire at once, in a loop) does not leave the
 * browser without live updates for that long.
 */
const backoff = (ms: number) => Math.min(ms, MAX_WAIT / 1.25) * (1 + Math.random() / 4);

/**
 * Connects a client to the server's invalidation events. Needs `BroadcastChannel` and the Web Locks
 * API; without them (an old browser, a worker, a page not served over HTTPS or from localhost: Web
 * Locks is for secure contexts only), where the page is refused the lock (a sandboxed iframe), or with
 * the client's `channel: false`, each tab holds a stream of its own.
 */
export function connectEvents(client: MizanClient, options: EventsOptions = {}): EventsConnection {
  const { config, live } = client;
  const name = `${channelName(config)}:events`;
  const tab = Math.random().toString(36).slice(2);
  // `channel: false` shares nothing with other tabs: not its calls either, whose invalidations they never
  // hear of, so they must act on those calls' events (no echo for them); this tab holds a stream of its own
  const channel = config.channel !== false && typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(name) : undefined;
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  /**
   * One stream for every tab, shared over the channel; else every tab hears each event on its own stream.
   * Turned off when the browser refuses the lock (below).
   */
  let elected = !!(locks && channel);
  const reconnectDelay = options.reconnectDelay ?? ((n: number) => backoff(500 * 2 ** (n - 1)));
  const idleTimeout = options.idleTimeout ?? 60_000;

  let closed = false;
  let leader = false;
  /** The server has no events (its 404): no stream will resync. */
  let gone = false;
  /** The principal changed: the stream reopens without a backoff wait (it did not fail). */
  let renewed = false;
  /** Ends when a resync was heard after the principal changed; else it acts as one. */
  let resyncWait: ReturnType<typeof setTimeout> | undefined;
  /** Aborted by close(): withdraws this tab's queued lock request, so it never takes a stream it would drop at once. */
  const stop = new AbortController();
  /** Ends the reconnect wait early: close() must release the lock at once, not when the wait is over. */
  let wake: (() => void) | undefined;
  let abort: AbortController | undefined;
  /** A follower's catch-up request, while it runs. */
  let catching: AbortController | undefined;
  /**
   * The server's clock in the last comment the browser's stream brought once it was caught up (this tab's,
   * or the leader's, told over the channel after every event it shared before): a reconnect or a takeover
   * catches up from then. Unknown before, after a login or logout (the new user's stream may hear of
   * contexts the old one could not), or when this tab's stream ended before it was caught up: the next
   * stream then resyncs.
   */
  let heard: number | undefined;
  const hear = (at: number | undefined) => {
    heard = at;
    if (at !== undefined && elected) share({ mizan: 1, type: "clock", at });
  };
  /** When the server read this tab's SSR data: catch up from then, once. */
  const readAt = asTime(live.readAt);
  live.readAt = undefined;
  /** The query of a catch-up: since the SSR data was read, else since the client was made (its reads may be answered before a stream registers). */
  const catchUpQuery = () => (readAt === undefined ? `recent=${Math.ceil(performance.now() - live.madeAt)}` : `since=${readAt}`);
  /** Calls in flight in any tab of this browser, by tab and start time: events wait for their ids. */
  const holds = new Map<string, number[]>();
  const echoes: string[] = [];
  /** Events held back while calls are in flight, with the time each arrived and the timer that releases it. */
  let queue: { event: LiveEvent; at: number; timer: ReturnType<typeof setTimeout> }[] = [];

  // after close() the channel is closed; a call still in flight ends through here and must not throw
  const share = (message: Shared) => closed || channel?.postMessage(message);

  const holding = () => {
    const now = Date.now();
    for (const [t, starts] of holds) {
      if (t === tab) continue; // this tab hears of its own calls' ends, even after HOLD_MS
      const live = starts.filter((at) => now - at < HOLD_MS);
      if (live.length === 0) holds.delete(t);
      else holds.set(t, live);
    }
    return holds.size > 0;
  };

  const onCall = (from: string, phase: "start" | "end", id?: string | null) => {
    const starts = holds.get(from) ?? [];
    if (phase === "start") holds.set(from, [...starts, Date.now()]);
    else {
      starts.shift();
      if (starts.length === 0) holds.delete(from);
      if (id) {
        echoes.push(id);
        if (echoes.length > ECHOES) echoes.shift();
      }
    }
    if (!holding()) flush();
  };

  /** Acts on the held events: all of them, or (calls still in flight) those held HOLD_MS already. */
  const flush = () => {
    if (closed) return;
    const now = Date.now();
    const all = !holding();
    // (the timer may fire a few ms early by the wall clock)
    const pending = queue;
    queue = [];
    for (const held of pending) {
      if (all || now - held.at >= HOLD_MS - 20) {
        clearTimeout(held.timer);
        void act(held.event, true);
      } else queue.push(held);
    }
  };

  // hashed for each event rather than kept: a cache of them would grow with every key a long-lived tab
  // ever mounted (pages of a list, say), and events are few
  const digestOf = async (key: string) =>
    Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key))), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");

  /**
   * Refetches what an event names, unless it is the echo of this browser's own call. While calls are
   * in flight the event waits for their responses (their ids), at most HOLD_MS, even when further
   * calls keep starting: `released` is an event that waited already.
   */
  const act = async (event: LiveEvent, released = false) => {
    // a closed connection acts on nothing: a call in flight at close() still ends here, a digest may still be hashing
    if (closed || (event.type === "invalidate" && event.id && echoes.includes(event.id))) return;
    if (!released && holding()) {
      queue.push({ event, at: Date.now(), timer: setTimeout(flush, HOLD_MS) });
      return;
    }
    options.onEvent?.(event);
    if (event.type === "resync") {
      clearTimeout(resyncWait);
      live.stale(() => true);
      return;
    }
    const { context, digest } = event;
    const everyEntry = () => live.stale((_, c) => c === context);
    if (!digest) return everyEntry();
    const matching = new Set<string>();
    try {
      await Promise.all(
        live.keys().filter(([, c]) => c === context).map(async ([key]) => {
          if ((await digestOf(key)) === digest) matching.add(key);
        }),
      );
    } catch {
      // the keys cannot be hashed (no crypto.subtle on a page that is no secure context: plain HTTP):
      // every entry of the context, as without a digest, more than needed but never less
      if (!closed) everyEntry();
      return;
    }
    if (matching.size > 0 && !closed) live.stale((key) => matching.has(key));
  };

  const deliver = (event: LiveEvent) => {
    // without an election every tab reads a stream of its own: sharing would make each act on every event once per tab
    if (elected) share({ mizan: 1, type: "event", event });
    void act(event);
  };

  // the kernel tells of this tab's calls; other tabs learn of them over the channel
  const onOwnCall = (phase: "start" | "end", id?: string | null) => {
    share({ mizan: 1, type: "call", tab, phase, id });
    onCall(tab, phase, id);
  };
  // a stream's rights are fixed when it opens: after a login or logout, open it again as the new user, at
  // once; it resyncs, and the leader shares that resync with every tab (the kernel leaves its USER reads to it)
  const onIdentity = () => {
    heard = undefined;
    renewed = true;
    abort?.abort();
    catching?.abort();
    wake?.();
    // no resync heard in time (the stream is refused, say): what it would have read is read anyway; with
    // no events at all (gone) the kernel reads its USER entries itself, at once
    clearTimeout(resyncWait);
    if (!gone) resyncWait = setTimeout(() => closed || live.stale(() => true), RESYNC_WAIT);
    return !gone;
  };
  live.onCall = onOwnCall;
  live.onIdentity = onIdentity;

  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<Shared>) => {
      if (data?.mizan !== 1 || closed) return;
      // a tab reading a stream of its own (its lock refused) heeds no leader: it would act twice on each
      // event, and catch up from a clock its own stream never reached
      if (data.type === "event") elected && void act(data.event);
      else if (data.type === "clock") elected && (heard = asTime(data.at));
      // a tab that just joined asks for the clock, which it would otherwise hear with the next heartbeat only
      else if (data.type === "ask") {
        if (leader) hear(heard);
      }
      else onCall(data.tab, data.phase, data.id);
    };
  }

  /**
   * Holds the stream until this tab closes, reconnecting with backoff; resolves when closed. `takeover`:
   * another tab held the stream before, and events sent before this one opens reached no tab.
   */
  const hold = async (takeover: boolean) => {
    leader = true;
    let attempt = 0;
    /** Events may have been missed before the next stream opens (a new leader, a reconnect). */
    let missed = takeover;
    while (!closed) {
      renewed = false;
      let openedAt: number | undefined;
      abort = new AbortController();
      const query = !missed ? catchUpQuery() : heard === undefined ? undefined : `since=${heard}`;
      /** The clock of the stream's last comment, and whether everything before it was heard. */
      let clock: number | undefined;
      let current = !query;
      // a reconnect may reach a node that knows no catch-up (an older one, during a rolling update): it never says replayed
      let fallback: ReturnType<typeof setTimeout> | undefined;
      const caughtUp = () => {
        clearTimeout(fallback);
        current = true;
        hear(clock);
      };
      const opened = await stream(abort, {
        take: deliver,
        onOpen() {
          openedAt = Date.now();
          if (!missed) return;
          if (current) deliver({ type: "resync" });
          else
            fallback = setTimeout(() => {
              caughtUp();
              deliver({ type: "resync" });
            }, CATCH_UP_MS);
        },
        query,
        caughtUp,
        clock(at) {
          clock = at;
          if (current) hear(at);
        },
      });
      clearTimeout(fallback);
      if (closed || (gone = opened === "gone")) break;
      missed = true;
      if (renewed) continue;
      // only a stream that stayed open resets the backoff: one that a proxy or a filter ends at once
      // must not be reopened (and every mounted read refetched) twice a second
      if (openedAt !== undefined && Date.now() - openedAt >= STEADY_MS) attempt = 0;
      attempt++;
      const wait = typeof opened === "number" ? backoff(opened) : reconnectDelay(attempt);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wake = () => (clearTimeout(timer), resolve());
      });
    }
    leader = false;
  };

  /**
   * Reads one stream until it ends (or `controller` aborts it), handing its events to `take`. Returns
   * "gone" when Mizan answers that it has no events (its own 404, which carries `Mizan-Protocol`; a
   * container's 404 while the application redeploys is retried), a delay in ms when it asked for one
   * (503 Retry-After), else undefined. With a catch-up `query`, the server first sends what it heard of
   * since, then `replayed`, which calls `caughtUp`. `clock` hears the server's clock in its comments.
   */
  const stream = async (
    controller: AbortController,
    { take, onOpen, query, caughtUp, clock }: {
      take: (event: LiveEvent) => void;
      onOpen?: () => void;
      query?: string;
      caughtUp?: () => void;
      clock?: (at: number) => void;
    },
  ): Promise<"gone" | number | undefined> => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), idleTimeout);
    };
    try {
      touch(); // a server that never answers the request is given up on too
      const token = config.auth === "token" ? await config.getToken?.() : null;
      const response = await (config.fetch ?? fetch)(`${config.baseUrl.replace(/\/+$/, "")}/mizan/events${query ? `?${query}` : ""}`, {
        headers: { Accept: "text/event-stream", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        credentials: "same-origin",
        cache: "no-store",
        signal: controller.signal,
      });
      if (response.status === 404 && response.headers.has("Mizan-Protocol")) return "gone";
      // a 200 that is not a stream (a login page behind a redirect, say) is retried like an error
      if (!response.ok || !response.body || !/^text\/event-stream\b/i.test(response.headers.get("Content-Type") ?? "")) {
        // seconds; an HTTP date, or anything else, is not a number: the backoff's own delay
        const after = Number(response.headers.get("Retry-After"));
        return after > 0 ? after * 1000 : undefined;
      }
      onOpen?.();
      touch();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let fields: Record<string, string> = {};
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        touch();
        buffer += value;
        // a trailing CR waits for the next chunk: it may be the first half of a CRLF
        const cut = buffer.endsWith("\r") ? buffer.length - 1 : buffer.length;
        const lines = buffer.slice(0, cut).split(/\r\n|\r|\n/);
        buffer = (lines.pop() ?? "") + buffer.slice(cut);
        for (const line of lines) {
          if (line === "") {
            if (fields.event === "replayed") caughtUp?.();
            else dispatch(fields, take);
            fields = {};
          } else if (line.startsWith(":")) {
            // the node's clock: `: mizan <ms>` opens a stream, `: <ms>` is a heartbeat
            const at = /^: ?(?:mizan )?(\d{1,15})$/.exec(line);
            if (at) clock?.(Number(at[1]));
          } else {
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            fields[field] = field === "data" && fields.data !== undefined ? `${fields.data}\n${text}` : text;
          }
        }
        if (buffer.length > MAX_LINE || (fields.data?.length ?? 0) > MAX_LINE) {
          controller.abort();
          break;
        }
      }
    } catch {
      // a network error or our own abort: reconnect unless closed
    } finally {
      clearTimeout(idle);
    }
    return undefined;
  };

  const dispatch = (fields: Record<string, string>, take: (event: LiveEvent) => void) => {
    if (fields.event === "resync") take({ type: "resync" });
    else if (fields.event === "invalidate" && fields.data !== undefined) {
      try {
        const data = JSON.parse(fields.data) as { context?: unknown; digest?: unknown };
        if (typeof data.context !== "string") return;
        take({
          type: "invalidate",
          context: data.context,
          ...(fields.id ? { id: fields.id } : {}),
          ...(typeof data.digest === "string" ? { digest: data.digest } : {}),
        });
      } catch {
        // not an event of this protocol version
      }
    }
  };

  const lead = (takeover: boolean) => (closed ? undefined : hold(takeover));
  /**
   * Another tab holds the stream, whose events this tab did not hear before it listened: when it has reads
   * already (seeded, or registered before it connected), it asks for those since its SSR data was read or
   * it was made, acts on them alone (the other tabs heard them) and ends once caught up.
   */
  const catchUp = () => {
    if ((readAt === undefined && !live.keys().length) || closed) return;
    const controller = (catching = new AbortController());
    // a server that knows no catch-up (an older node during a rolling update) never says replayed
    const cap = setTimeout(() => controller.abort(), CATCH_UP_MS);
    void stream(controller, { take: (event) => void act(event), query: catchUpQuery(), caughtUp: () => controller.abort() }).finally(() => clearTimeout(cap));
  };
  // the lock free at once: this is the browser's first stream; else this tab waits to take over from another
  if (elected)
    void locks!
      .request(name, { ifAvailable: true }, (lock) => {
        if (lock) return lead(false);
        catchUp();
        share({ mizan: 1, type: "ask" });
        // withdrawn by close() (`ifAvailable` takes no signal): rejected with an AbortError, caught below
        return locks!.request(name, { signal: stop.signal }, () => lead(true));
      })
      .catch(() => {
        // Refused (a sandboxed iframe's opaque origin: SecurityError): a stream of this tab's own, as
        // without Web Locks (docs/reference/client.md, "Live updates"). After close(), nothing: the
        // rejection is the withdrawn request's, and lead() opens no stream once closed.
        elected = false;
        return lead(false);
      });
  else void lead(false);

  return {
    get leader() {
      return leader;
    },
    close() {
      closed = true;
      leader = false;
      stop.abort();
      wake?.();
      abort?.abort();
      catching?.abort();
      clearTimeout(resyncWait);
      for (const held of queue) clearTimeout(held.timer);
      queue = [];
      channel?.close();
      // a newer connection of the same client may have installed its own since
      if (live.onCall === onOwnCall) live.onCall = undefined;
      if (live.onIdentity === onIdentity) live.onIdentity = undefined;
    },
  };
}

/** A server time another tab or the page gave (epoch ms), if it is one: it is sent as is in a query. */
function asTime(value: unknown): number | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}
