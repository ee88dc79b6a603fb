// One user's HTTP session against a Mizan application, as a browser keeps it: its cookies and its
// CSRF token (docs/reference/protocol.md, "GET /session" and "CSRF"). Shared by the samples' end-to-end
// checks that call functions without a browser (mizan-js/e2e/sample-security.mjs,
// samples/board-e2e/races.mjs).

/**
 * @param {string} app the application's URL, with or without a trailing slash
 * @returns {{jar: Map<string, string>, get(path: string): Promise<Response>, user(): Promise<unknown>,
 *   call(name: string, args: unknown): Promise<Response>}}
 */
export function browserSession(app) {
  const base = app.replace(/\/+$/, "");
  const jar = new Map();
  let token;
  const remember = (response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
    const rotated = response.headers.get("mizan-csrf-token");
    if (rotated) token = rotated;
    return response;
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    jar,
    async get(path) {
      return remember(await fetch(`${base}/${path}`, { headers: { cookie: cookieHeader() }, redirect: "manual" }));
    },
    /** `/session`'s user; takes its CSRF token when none is held yet. */
    async user() {
      const body = await (await this.get("mizan/session")).json();
      token ??= body.csrfToken;
      return body.user;
    },
    async call(name, args) {
      if (!token) await this.user();
      return remember(await fetch(`${base}/mizan/call/${name}`, {
        method: "POST",
        headers: { cookie: cookieHeader(), "content-type": "application/json", "mizan-csrf": token },
        body: JSON.stringify(args),
      }));
    },
  };
}
