/**
 * The HTTP side of the kernel: reads with retries, the CSRF session, and calls (docs/reference/protocol.md, docs/internals/client-kernel.md).
 * Written as a closure rather than a class so that minifiers can shorten every internal name.
 */
import type { MizanConfig, SchemaMismatch } from "./config.js";
import { MizanError, errorFrom, networkError } from "./errors.js";

/** GET attempts in all: the first plus two retries; `/session` gets as many (docs/reference/client.md). */
const ATTEMPTS = 3;

/** The default `retryDelay`: 300 ms · 2^(attempt−1), with jitter. */
const retryDelay = (attempt: number): number => 300 * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);

/** The default `onSchemaMismatch`: one console warning (docs/reference/client.md, `MZJS00001`). */
const warnSchemaMismatch = ({ expected, received }: SchemaMismatch): void => console.warn(`MZJS00001 server schema ${received}, client ${expected}`);

export interface Http {
  /**
   * A context read: `GET {baseUrl}/mizan/ctx/{name}?{query}`, retried twice with backoff on
   * network errors (an attempt over `readTimeout` is one) and 5xx, never on 4xx. `abandon` is asked
   * before each retry.
   */
  _read(name: string, query: string, noCache: boolean | undefined, abandon: () => boolean): Promise<unknown>;
  /**
   * A call: `POST {baseUrl}/mizan/call/{name}`, never retried, except once after `403 csrf` with a
   * fresh token (the server refused it before running anything, docs/reference/security.md), when the
   * session is still the one it was sent in. `sending` runs as the POST leaves: a failure before it
   * (`/session`, `getToken`) reached no function.
   */
  _call(name: string, body: string, sending?: () => void): Promise<Response>;
  /**
   * Takes the CSRF token another tab received with its login or logout (the session cookie is shared),
   * or forgets it without one, so the next call fetches `/session` again.
   */
  _resetSession(token?: string | null): void;
  /** The schema hash the generated code was made from, unless one is known already. */
  _expectSchema(hash: string | undefined): void;
}

/**
 * @param onUserChange run when a `403 csrf` is not retried because `/session` names another user than
 *   the one the call was sent as (the session expired, or another tab signed in or out before its
 *   message arrived): what this tab shows was read as someone else
 */
export function createHttp(config: MizanConfig, onUserChange?: () => void): Http {
  const session = config.auth !== "token";
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  let csrfToken: string | null | undefined;
  let sessionLoad: Promise<string> | undefined;
  /** Who `/session` said is signed in when it gave `csrfToken`; `undefined` when not known (a token from a login's answer or another tab). */
  let user: string | null | undefined;
  /** Counts the session's changes seen here (a login or logout in this tab or another): a call is retried only in its own. */
  let epoch = 0;
  let expected = config.schemaHash;
  /** The server hashes already reported: `onSchemaMismatch` runs once for each. */
  const reported = new Set<string>();
  // whole ms: Node's AbortSignal.timeout refuses 1500.5
  const readTimeout = Math.ceil(config.readTimeout ?? 30_000);

  /**
   * One request to `{baseUrl}/mizan/{path}`, with the bearer token under token auth (session auth
   * never asks for one); a failed fetch (no answer) is a `network` {@link MizanError}.
   */
  const send = async (path: string, init: RequestInit & { headers?: Record<string, string> }, sending?: () => void): Promise<Response> => {
    const token = session ? null : await config.getToken?.();
    let response: Response;
    try {
      sending?.();
      response = await (config.fetch ?? fetch)(`${baseUrl}/mizan/${path}`, {
        credentials: "same-origin",
        // A GET that never answers (a half-open connection) would hold its entry, or every call's /session,
        // for ever: each attempt ends and is retried as a network error. A call never: it may have run
        // (docs/reference/client.md). Beyond 2^31−1 ms a timer fires at once: for ever, as Infinity.
        ...(!init.method && readTimeout > 0 && readTimeout < 2 ** 31 && { signal: AbortSignal.timeout(readTimeout) }),
        ...init,
        headers: { Accept: "application/json", ...(token && { Authorization: `Bearer ${token}` }), ...init.headers },
      });
    } catch (e) {
      throw networkError(e);
    }
    const received = response.headers.get("Mizan-Schema");
    if (expected && received && received !== expected && !reported.has(received)) {
      reported.add(received);
      (config.onSchemaMismatch ?? warnSchemaMismatch)({ expected, received });
    }
    return response;
  };

  /** Runs `attempt` up to 3 times while it fails with a network error or a 5xx. */
  const retrying = async <T>(abandon: () => boolean, attempt: () => Promise<T>): Promise<T> => {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        const error = e instanceof MizanError ? e : networkError(e);
        if (!error.retryable || n >= ATTEMPTS || abandon()) throw error;
        await new Promise((resolve) => setTimeout(resolve, (config.retryDelay ?? retryDelay)(n)));
        if (abandon()) throw error;
      }
    }
  };

  /** The CSRF token: `/session` is loaded once (shared by concurrent calls), 3 tries, then reset. */
  const token = (): string | Promise<string> =>
    csrfToken ??
    (sessionLoad ??= retrying(
      () => false,
      async () => {
        const response = await send("session", { cache: "no-store" });
        const answer = (await body(response)) as { csrfToken?: unknown; user?: unknown };
        if (typeof answer.csrfToken !== "string") throw new MizanError(response.status, { code: "bad_response" });
        if (csrfToken == null) {
          csrfToken = answer.csrfToken;
          user = answer.user === null || typeof answer.user === "string" ? answer.user : undefined;
        }
        return csrfToken;
      },
    ).catch((error: unknown) => {
      sessionLoad = undefined;
      throw error;
    }));

  /** The session changed (a login or logout): its token, or none (load `/session` again), and nobody known. */
  const changeSession = (token?: string | null) => {
    csrfToken = token;
    sessionLoad = user = undefined;
    epoch++;
  };

  return {
    _read: (name, query, noCache, abandon) =>
      retrying(abandon, async () => body(await send(`ctx/${encodeURIComponent(name)}${query && `?${query}`}`, { cache: noCache ? "no-cache" : undefined }))),
    async _call(name, payload, sending) {
      const post = async (csrf?: string) => {
        const headers = { "Content-Type": "application/json", ...(csrf && { "Mizan-CSRF": csrf }) };
        const response = await send(`call/${encodeURIComponent(name)}`, { method: "POST", headers, body: payload }, sending);
        // A login or logout rotates the token; the new one comes back in this header (docs/reference/security.md).
        const rotated = response.headers.get("Mizan-CSRF-Token");
        if (rotated) changeSession(rotated);
        return response;
      };
      if (!session) return ok(await post());
      const csrf = await token();
      const sentIn = epoch;
      const sentAs = user;
      let response = await post(csrf);
      if (response.status === 403) {
        const error = await errorFrom(response);
        // The server ran nothing. Sent again only as the same user in the same session: not after a login
        // or logout here or in another tab meanwhile, nor when `/session` now names someone else
        // (docs/reference/client.md).
        if (error.code !== "csrf" || epoch !== sentIn) throw error;
        csrfToken = sessionLoad = undefined;
        const fresh = await token();
        if (epoch !== sentIn) throw error;
        if (sentAs !== undefined && user !== sentAs) {
          epoch++;
          onUserChange?.();
          throw error;
        }
        response = await post(fresh);
      }
      return ok(response);
    },
    _resetSession: changeSession,
    _expectSchema(hash) {
      expected ??= hash;
    },
  };
}

/** The response if 2xx, else its {@link MizanError}. */
async function ok(response: Response): Promise<Response> {
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/**
 * The JSON body of a 2xx response, else its {@link MizanError}; a body that does not parse is the
 * server's fault, and retrying will not mend it.
 */
async function body(response: Response): Promise<unknown> {
  await ok(response);
  const text = await response.text().catch((e: unknown) => {
    throw networkError(e);
  });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MizanError(response.status, { code: "bad_response" }, { cause: e });
  }
}
