/**
 * The HTTP side of the kernel: reads with retries, the CSRF session, and calls (docs/reference/protocol.md, docs/internals/client-kernel.md).
 * Written as a closure rather than a class so that minifiers can shorten every internal name.
 */
import type { ResolvedConfig } from "./config.js";
import { MizanError, errorFrom, networkError } from "./errors.js";

/** GET attempts in all: the first plus two retries (§9); `/session` gets as many (§9). */
const ATTEMPTS = 3;

export interface Http {
  /**
   * A context read: `GET {baseUrl}/mizan/ctx/{name}?{query}`, retried twice with backoff on
   * network errors and 5xx, never on 4xx. `abandon` is asked before each retry.
   */
  _read(name: string, query: string, noCache: boolean, abandon: () => boolean): Promise<unknown>;
  /**
   * A call: `POST {baseUrl}/mizan/call/{name}`, never retried, except once after `403 csrf`
   * with a fresh token (the server refused it before running anything, §9).
   */
  _call(name: string, body: string): Promise<Response>;
  /**
   * Takes the CSRF token another tab received with its login or logout (the session cookie is shared),
   * or forgets it without one, so the next call fetches `/session` again.
   */
  _resetSession(token?: string): void;
  /** The schema hash the generated code was made from, unless one is known already. */
  _expectSchema(hash: string): void;
}

export function createHttp(config: ResolvedConfig): Http {
  const { baseUrl } = config;
  const session = config.auth === "session";
  let csrfToken: string | undefined;
  let sessionLoad: Promise<string> | undefined;
  let expected = config.schemaHash;
  /** The server hashes already reported: `onSchemaMismatch` runs once for each. */
  const reported = new Set<string>();

  /** One request; a failed fetch (no answer) is a `network` {@link MizanError}. */
  const send = async (url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> => {
    let response: Response;
    try {
      response = await config.fetch(url, { credentials: "same-origin", ...init, headers: { Accept: "application/json", ...init.headers } });
    } catch (e) {
      throw networkError(e);
    }
    const received = response.headers.get("Mizan-Schema");
    if (expected && received && received !== expected && !reported.has(received)) {
      reported.add(received);
      config.onSchemaMismatch({ expected, received });
    }
    return response;
  };

  const authHeaders = async (): Promise<Record<string, string>> => {
    const token = session ? null : await config.getToken();
    return token ? { Authorization: `Bearer ${token}` } : {};
  };

  /** Runs `attempt` up to 3 times while it fails with a network error or a 5xx. */
  const retrying = async <T>(abandon: () => boolean, attempt: () => Promise<T>): Promise<T> => {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        const error = e instanceof MizanError ? e : networkError(e);
        if (!error.retryable || n >= ATTEMPTS || abandon()) throw error;
        await new Promise((resolve) => setTimeout(resolve, config.retryDelay(n)));
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
        const response = await send(`${baseUrl}/mizan/session`, { cache: "no-store" });
        const loaded = ((await body(response)) as { csrfToken?: unknown }).csrfToken;
        if (typeof loaded !== "string") throw new MizanError(response.status, { code: "bad_response" });
        return (csrfToken ??= loaded);
      },
    ).catch((error: unknown) => {
      sessionLoad = undefined;
      throw error;
    }));

  const post = async (url: string, payload: string): Promise<Response> => {
    const headers: Record<string, string> = { "Content-Type": "application/json", ...(await authHeaders()) };
    if (session) headers["Mizan-CSRF"] = await token();
    const response = await send(url, { method: "POST", headers, body: payload });
    // A login or logout rotates the token; the new one comes back in this header (§6).
    const rotated = response.headers.get("Mizan-CSRF-Token");
    if (rotated) csrfToken = rotated;
    return response;
  };

  const resetSession = (token?: string) => {
    csrfToken = token;
    sessionLoad = undefined;
  };

  return {
    _read: (name, query, noCache, abandon) =>
      retrying(abandon, async () =>
        body(
          await send(`${baseUrl}/mizan/ctx/${encodeURIComponent(name)}${query ? `?${query}` : ""}`, {
            headers: await authHeaders(),
            cache: noCache ? "no-cache" : undefined,
          }),
        ),
      ),
    async _call(name, payload) {
      const url = `${baseUrl}/mizan/call/${encodeURIComponent(name)}`;
      let response = await post(url, payload);
      if (response.status === 403 && session) {
        const error = await errorFrom(response);
        if (error.code !== "csrf") throw error;
        resetSession();
        response = await post(url, payload);
      }
      return ok(response);
    },
    _resetSession: resetSession,
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
