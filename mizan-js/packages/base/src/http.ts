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
    for (let attempt = 1; ; attempt++) {
      try {
        const headers = await this.authHeaders();
        const response = await this.send(url, { method: "GET", headers, ...(noCache ? { cache: "no-cache" } : {}) });
        if (!response.ok) throw await errorFrom(response);
        return await body(response);
      } catch (e) {
        const error = e instanceof MizanError ? e : networkError(e);
        if (!error.retryable || attempt >= GET_ATTEMPTS || abandon()) throw error;
        await sleep(this.config.retryDelay(attempt));
        if (abandon()) throw error;
      }
    }
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
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
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

  private async loadSession(): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.send(`${this.config.baseUrl}/mizan/session`, {
          method: "GET",
          headers: { Accept: "application/json" },
          cache: "no-store",
        });
        if (!response.ok) throw await errorFrom(response);
        const body = (await response.json()) as { csrfToken?: unknown };
        if (typeof body.csrfToken !== "string") throw new MizanError(response.status, { code: "bad_session" });
        return body.csrfToken;
      } catch (e) {
        const error = e instanceof MizanError ? e : networkError(e);
        if (!error.retryable || attempt >= SESSION_ATTEMPTS) throw error;
        await sleep(this.config.retryDelay(attempt));
      }
    }
  }

  private async authHeaders(): Promise<Record<string, string>> {
    if (this.config.auth !== "token") return {};
    const token = await this.config.getToken();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  private send(url: string, init: RequestInit): Promise<Response> {
    return this.config.fetch(url, { credentials: "same-origin", ...init });
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
