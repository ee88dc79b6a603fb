/**
 * The HTTP side of the kernel: reads with retries, the CSRF session, and calls (DESIGN §3, §6, §9).
 */
import type { ResolvedConfig } from "./config.js";
import { MizanError, errorFrom, networkError } from "./errors.js";

/** GET attempts in all: the first plus two retries (§9). */
const GET_ATTEMPTS = 3;
/** `/session` attempts before giving up and letting the next call start over (§9). */
const SESSION_ATTEMPTS = 3;

export class Http {
  private csrfToken: string | undefined;
  private sessionLoad: Promise<string> | undefined;

  constructor(private readonly config: ResolvedConfig) {}

  /**
   * A context read: `GET {baseUrl}/mizan/ctx/{name}?{query}`, retried twice with backoff on
   * network errors and 5xx, never on 4xx. `abandon` is asked before each retry.
   */
  async read(name: string, query: string, noCache: boolean, abandon: () => boolean): Promise<unknown> {
    const url = `${this.config.baseUrl}/mizan/ctx/${encodeURIComponent(name)}${query ? `?${query}` : ""}`;
    return this.retrying(GET_ATTEMPTS, abandon, async () =>
      body(await this.ok(this.send(url, { headers: await this.authHeaders(), ...(noCache ? { cache: "no-cache" } : {}) }))),
    );
  }

  /**
   * A call: `POST {baseUrl}/mizan/call/{name}`, never retried, except once after `403 csrf`
   * with a fresh token (the server refused it before running anything, §9).
   */
  async call(name: string, body: string): Promise<Response> {
    const url = `${this.config.baseUrl}/mizan/call/${encodeURIComponent(name)}`;
    let response = await this.post(url, body);
    if (response.status === 403 && this.config.auth === "session") {
      const error = await errorFrom(response);
      if (error.code !== "csrf") throw error;
      this.resetSession();
      response = await this.post(url, body);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  /** Forgets the CSRF token, so the next call fetches `/session` again (after a login elsewhere). */
  resetSession(): void {
    this.csrfToken = undefined;
    this.sessionLoad = undefined;
  }

  private async post(url: string, body: string): Promise<Response> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (this.config.auth === "session") headers["Mizan-CSRF"] = await this.session();
    Object.assign(headers, await this.authHeaders());
    const response = await this.send(url, { method: "POST", headers, body }).catch((e: unknown) => {
      throw networkError(e);
    });
    // A login or logout rotates the token; the new one comes back in this header (§6).
    const rotated = response.headers.get("Mizan-CSRF-Token");
    if (rotated) this.csrfToken = rotated;
    return response;
  }

  /** The CSRF token, loading `/session` once (shared by concurrent calls), 3 tries, then reset. */
  private session(): Promise<string> {
    if (this.csrfToken !== undefined) return Promise.resolve(this.csrfToken);
    this.sessionLoad ??= this.loadSession().then(
      (token) => {
        this.csrfToken ??= token;
        return this.csrfToken;
      },
      (error: unknown) => {
        this.sessionLoad = undefined;
        throw error;
      },
    );
    return this.sessionLoad;
  }

  private loadSession(): Promise<string> {
    return this.retrying(SESSION_ATTEMPTS, () => false, async () => {
      const response = await this.ok(this.send(`${this.config.baseUrl}/mizan/session`, { cache: "no-store" }));
      const token = ((await body(response)) as { csrfToken?: unknown }).csrfToken;
      if (typeof token !== "string") throw new MizanError(response.status, { code: "bad_response" });
      return token;
    });
  }

  /** Runs `attempt` up to `attempts` times while it fails with a network error or a 5xx. */
  private async retrying<T>(attempts: number, abandon: () => boolean, attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        const error = e instanceof MizanError ? e : networkError(e);
        if (!error.retryable || n >= attempts || abandon()) throw error;
        await sleep(this.config.retryDelay(n));
        if (abandon()) throw error;
      }
    }
  }

  /** The response if 2xx, else its {@link MizanError}. */
  private async ok(pending: Promise<Response>): Promise<Response> {
    const response = await pending;
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  private async authHeaders(): Promise<Record<string, string>> {
    if (this.config.auth !== "token") return {};
    const token = await this.config.getToken();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  private send(url: string, init: RequestInit): Promise<Response> {
    return this.config.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, ...init });
  }
}

/** The JSON body; one that does not parse is the server's fault, and retrying will not mend it. */
async function body(response: Response): Promise<unknown> {
  const text = await response.text().catch((e: unknown) => {
    throw networkError(e);
  });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MizanError(response.status, { code: "bad_response", message: "response is not JSON" }, { cause: e });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
