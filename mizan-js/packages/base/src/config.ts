/** How a client reaches its server. */
export interface MizanConfig {
  /** Where the application lives, e.g. `""` (same origin, root) or `"https://shop.example/app"`. */
  readonly baseUrl: string;
  /**
   * `session` (default): cookies, with the CSRF token from `GET /mizan/session` on every call.
   * `token`: `Authorization: Bearer <getToken()>` on every request; `/session` is never called.
   */
  readonly auth?: "session" | "token";
  /** The bearer token under `token` auth; read before every request, so it may rotate. */
  readonly getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** The `fetch` to use (default: the global one). */
  readonly fetch?: typeof fetch;
  /** How long an entry outlives its last subscriber, in ms (default 5 minutes). */
  readonly gcTime?: number;
  /** Delay before GET retry `attempt` (1, 2), in ms (default 300 · 2^(attempt−1), with jitter). */
  readonly retryDelay?: (attempt: number) => number;
  /**
   * How long one attempt of a GET (a read, `/session`) may take, body included, in ms (default 30 000);
   * then it fails as a `network` error and is retried like one. `0` or `Infinity` waits for ever. Calls
   * (POST) are never timed out: the server may have run the function.
   */
  readonly readTimeout?: number;
  /**
   * The BroadcastChannel shared with other tabs (default: one for each `baseUrl`, so that two
   * applications on one origin keep apart); `false` turns it off.
   */
  readonly channel?: string | false;
  /** Where to read `__MIZAN_SSR_DATA__` from (default: the global `document`, if any); `null` skips it. */
  readonly document?: Pick<Document, "querySelector"> | null;
  /** Called with a call's `redirect` URL (docs/reference/protocol.md); default: `location.assign`, when there is a location. */
  readonly onRedirect?: (url: string) => void;
  /**
   * The hash of the schema the client was generated from. Generated descriptors carry it, so it is
   * rarely set by hand; the first one seen is kept.
   */
  readonly schemaHash?: string;
  /**
   * Called when a response's `Mizan-Schema` differs from the generated code's hash (the server was
   * redeployed with another API): once for each server hash. Default: one console warning.
   */
  readonly onSchemaMismatch?: (mismatch: SchemaMismatch) => void;
}

/** What `onSchemaMismatch` is told. */
export interface SchemaMismatch {
  /** The hash of the generated code. */
  readonly expected: string;
  /** The server's `Mizan-Schema`. */
  readonly received: string;
}

/**
 * The name of a client's BroadcastChannel (and of its Web Lock for live updates): its `channel`, else
 * one for each `baseUrl`, so that two Mizan applications on one origin (`/app1`, `/app2`) neither hear
 * each other's invalidations and logins nor share one events stream.
 */
export function channelName(config: MizanConfig): string {
  return config.channel || `mizan ${config.baseUrl.replace(/\/+$/, "")}`;
}
