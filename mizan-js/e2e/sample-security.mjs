/**
 * samples/hello's security settings, checked against the live sample (docs/reference/security.md):
 * the demo authentication mechanism, web.xml's session-config and the server settings the run
 * scripts apply. run.mjs registers these after the browser tests, against the server it started;
 * `node e2e/sample-security.mjs <app URL> <server log>` runs them against a sample already running.
 */
import { readFileSync } from "node:fs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { browserSession } from "../../etc/http-session.mjs";

const JSON_TYPE = /^application\/json/;

/** @returns the Set-Cookie headers of a response, one per cookie */
function setCookies(response) {
  return response.headers.getSetCookie();
}

const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/**
 * Registers the tests.
 * @param {{app: string, log: string}} where the sample's URL and its server log
 */
export function sampleSecurityTests({ app, log }) {
  let logStart = 0;

  test("sample security: note where the server log stands", () => {
    logStart = readFileSync(log, "utf8").length;
  });

  test("sample security: a Basic or Bearer read of the edge-cacheable greeting creates no session and stays public", async () => {
    for (const authorization of [basic("alice", "alice-pw"), "Bearer demo-bob"]) {
      const r = await fetch(`${app}/mizan/ctx/greeting`, { headers: { authorization } });
      assert.equal(r.status, 200);
      assert.deepEqual(setCookies(r), [], `${authorization.split(" ")[0]}: no cookie`);
      assert.match(r.headers.get("cache-control"), /public.*s-maxage=300/);
    }
  });

  test("sample security: refused credentials are Mizan's JSON 401, never the server's HTML page", async () => {
    for (const authorization of [basic("alice", "wrong"), "Basic %%%not-base64", basic("nobody", "x"), "Bearer junk"]) {
      const r = await fetch(`${app}/mizan/ctx/greeting`, { headers: { authorization } });
      assert.equal(r.status, 401, authorization);
      assert.match(r.headers.get("content-type") ?? "", JSON_TYPE, authorization);
      assert.equal((await r.json()).error.code, "unauthenticated");
    }
  });

  test("sample security: logging in over a live session ends as the new user, with a new session id", async () => {
    const browser = browserSession(app);
    assert.equal((await browser.call("login", { username: "alice", password: "alice-pw" })).status, 200);
    assert.equal(await browser.user(), "alice");
    const aliceSession = browser.jar.get("JSESSIONID");
    const bob = await browser.call("login", { username: "bob", password: "bob-pw" });
    assert.equal(bob.status, 200);
    assert.equal((await bob.json()).result, true);
    assert.equal(await browser.user(), "bob");
    assert.notEqual(browser.jar.get("JSESSIONID"), aliceSession, "the session id rotated");
    const failed = await browser.call("login", { username: "alice", password: "wrong" });
    assert.equal((await failed.json()).result, false);
    assert.equal(await browser.user(), null, "a failed login over bob's session leaves nobody, never bob");
  });

  test("sample security: the session cookie is HttpOnly and SameSite=Lax, and ;jsessionid= in a URL is ignored", async () => {
    const browser = browserSession(app);
    const login = await browser.call("login", { username: "alice", password: "alice-pw" });
    const session = setCookies(login).find((c) => c.startsWith("JSESSIONID="));
    assert.ok(session, `a session cookie: ${setCookies(login)}`);
    assert.match(session, /;\s*HttpOnly/i);
    assert.match(session, /;\s*SameSite=Lax/i);
    const id = browser.jar.get("JSESSIONID");
    const viaUrl = await fetch(`${app}/mizan/session;jsessionid=${id}`);
    assert.equal((await viaUrl.json()).user, null, "the id in the URL is not a session");
  });

  test("sample security: bad client input left no WARN or ERROR (and no stack trace) in the server log", async () => {
    const base = `${app}/mizan`;
    await fetch(`${base}/ctx/gr%FFeeting`);
    await fetch(`${base}/call/setGreeting`, { method: "POST", headers: { "content-type": ";" }, body: "{}" });
    await fetch(`${base}/ctx/greeting`, { headers: { authorization: "Basic %%%" } });
    await fetch(`${base}/call/setGreeting`, {
      method: "POST", headers: { "content-type": "application/json" }, body: '{"exclamations":1e10000000}',
    });
    await new Promise((done) => setTimeout(done, 500)); // let the server flush its log
    const lines = readFileSync(log, "utf8").slice(logStart).split("\n");
    const noisy = lines.filter((l) => / (WARN|ERROR) /.test(l));
    assert.deepEqual(noisy, []);
  });

  test("sample security: what the server answers itself shows the sample's error page; Mizan's errors stay JSON", async () => {
    // a POST to a static path is 405 on WildFly, 404 elsewhere
    for (const [init, statuses] of [[{}, [404]], [{ method: "POST", body: "x" }, [404, 405]]]) {
      const r = await fetch(`${app}/no-such-page`, init);
      const body = await r.text();
      assert.ok(statuses.includes(r.status), `${init.method ?? "GET"}: ${r.status} ${body.slice(0, 300)}`);
      assert.match(body, /data-sample-error/, `${init.method ?? "GET"}: ${body.slice(0, 300)}`);
      assert.doesNotMatch(body, /Exception|WildFly|Undertow|Payara|GlassFish|Liberty/i);
    }
    const unknown = await fetch(`${app}/mizan/ctx/noSuchContext`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get("content-type"), JSON_TYPE);
    assert.equal((await unknown.json()).error.code, "unknown_context");
    const refused = await fetch(`${app}/mizan/call/setGreeting`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, "csrf");
  });

  // last: the server refuses a flood of cookies before the application runs, and logs that itself
  test("sample security: a flood of cookies gets no stack trace or server version in the answer", async () => {
    const cookie = Array.from({ length: 250 }, (_, i) => `c${i}=v`).join("; ");
    const r = await fetch(`${app}/mizan/ctx/greeting`, { headers: { cookie } });
    const body = await r.text();
    assert.doesNotMatch(body, /Exception|\bat [a-z]+\.[a-z]+\.|WildFly|Undertow/i, `body: ${body.slice(0, 300)}`);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [app, log] = process.argv.slice(2);
  if (!app || !log) throw new Error("usage: node e2e/sample-security.mjs <app URL> <server log>");
  sampleSecurityTests({ app, log });
}
