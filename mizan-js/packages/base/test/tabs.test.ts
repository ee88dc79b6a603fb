import { afterEach, beforeEach, expect, test } from "vitest";
import { createClient, type MizanClient } from "../src/index.js";
import { startServer, until, type Reply, type TestServer } from "./support/server.js";

let server: TestServer;
let channel: string;
const clients: MizanClient[] = [];

/** A tab: its own client, on its own real BroadcastChannel of the shared name. */
function tab() {
  const client = createClient({ baseUrl: server.baseUrl, channel, document: null, retryDelay: () => 5 });
  clients.push(client);
  return client;
}

beforeEach(async () => {
  channel = `mizan-test-${Math.random()}`;
  let tokens = 0;
  server = await startServer((r): Reply => {
    if (r.path.endsWith("/mizan/session")) return { body: { csrfToken: `t${++tokens}`, user: null } };
    if (r.path.endsWith("/mizan/call/logout")) return { headers: { "Mizan-CSRF-Token": "after-logout" }, body: { result: null, invalidate: [] } };
    if (r.path.endsWith("/mizan/call/other")) return { body: { result: null, invalidate: [] } };
    if (r.path === "/mizan/call/addTodo") return { body: { result: 1, invalidate: [{ context: "todos", params: { list: 1 } }] } };
    if (r.path === "/mizan/call/logout") return { headers: { "Mizan-CSRF-Token": "after-logout" }, body: { result: null, invalidate: [] } };
    if (r.path === "/mizan/call/other") return { body: { result: null, invalidate: [] } };
    if (r.path === "/mizan/call/loginOk") return { headers: { "Mizan-CSRF-Token": "t9" }, body: { result: null, invalidate: [{ context: "me" }, { context: "catalog" }] } };
    if (r.path === "/mizan/call/login") return { status: 401, body: { error: { code: "unauthenticated", message: "Wrong password" } } };
    if (r.path === "/mizan/call/garbledLogin") return { headers: { "Content-Type": "application/json" }, body: '{"result": tru', raw: true };
    return { body: `${r.url} from ${r.headers["x-tab"] ?? "?"}` };
  });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

const todos = { name: "todos", scope: "user", paramTypes: { list: "integer" } } as const;

/** A tab `b` with a USER read (`me`) and a PUBLIC one (`catalog`) mounted and read once. */
async function secondTabReading() {
  const b = tab();
  const me = b.registerContext({ name: "me", scope: "user" });
  const catalog = b.registerContext({ name: "catalog", scope: "public" });
  me.subscribe(() => {});
  catalog.subscribe(() => {});
  await until(() => me.getState().status === "success" && catalog.getState().status === "success");
  return { b, me, catalog };
}

test("a call in flight when its tab's client is closed still resolves to its result: the server ran it", async () => {
  let release!: () => void;
  server.handle((r) =>
    r.path === "/mizan/call/slow"
      ? new Promise<Reply>((resolve) => (release = () => resolve({ body: { result: 7, invalidate: [{ context: "todos" }] } })))
      : { body: { csrfToken: "t", user: null } },
  );
  const a = tab();
  const call = a.call("slow", {});
  await until(() => server.to("/mizan/call/slow").length === 1);
  a.close();
  release();
  await expect(call).resolves.toBe(7);
});

test("a call's invalidations reach the matching contexts of another tab", async () => {
  const a = tab();
  const b = tab();
  const inB = b.registerContext(todos, { list: 1 });
  const otherInB = b.registerContext(todos, { list: 2 });
  inB.subscribe(() => {});
  otherInB.subscribe(() => {});
  await until(() => inB.getState().status === "success" && otherInB.getState().status === "success");
  await a.call("addTodo", { list: 1, title: "x" });
  await until(() => server.requests.filter((r) => r.url.startsWith("/mizan/ctx/todos?list=1")).length === 2);
  expect(server.requests.at(-1)!.url).toMatch(/^\/mizan\/ctx\/todos\?list=1&_mz=\d+\.[0-9a-z]+$/);
  await new Promise((r) => setTimeout(r, 30));
  expect(server.requests.filter((r) => r.url.startsWith("/mizan/ctx/todos?list=2"))).toHaveLength(1);
});

test("a logout in one tab clears USER entries in the other, which takes the rotated CSRF token from the channel", async () => {
  const [a, { b, me, catalog }] = [tab(), await secondTabReading()];
  await b.call("other", {}); // b now holds token t1
  await a.call({ name: "logout", sessionInit: true }, {}); // a fetched t2, then was handed "after-logout"
  await until(() => server.requests.filter((r) => r.path === "/mizan/ctx/me").length === 2);
  expect(catalog.getState().isFetching).toBe(false);
  expect(server.requests.filter((r) => r.path === "/mizan/ctx/catalog")).toHaveLength(1);
  await b.call("other", {});
  // b sends the token a's logout response carried: no /session round trip of its own
  expect(server.requests.filter((r) => r.path === "/mizan/session")).toHaveLength(2);
  expect(server.requests.filter((r) => r.path === "/mizan/call/other").map((r) => r.headers["mizan-csrf"])).toEqual(["t1", "after-logout"]);
});

test("a login that invalidates contexts: without live updates, the other tab reads each of them once", async () => {
  const [a, { b, me, catalog }] = [tab(), await secondTabReading()];
  const told: Array<Record<string, unknown>> = [];
  const spy = new BroadcastChannel(channel);
  spy.onmessage = ({ data }) => told.push(data);
  await a.call({ name: "loginOk", sessionInit: true }, {});
  const reads = (path: string) => server.requests.filter((r) => r.path === path).length;
  await until(() => reads("/mizan/ctx/me") === 2 && reads("/mizan/ctx/catalog") === 2);
  await new Promise((r) => setTimeout(r, 100));
  expect([reads("/mizan/ctx/me"), reads("/mizan/ctx/catalog")]).toEqual([2, 2]);
  expect(me.getState().status).toBe("success");
  // one message, in the shape a tab of an older page reads as a sign-out too (no `stale`)
  spy.close();
  expect(told).toEqual([{ mizan: 1, stale: undefined, csrf: "t9", invalidated: [{ context: "me", params: [] }, { context: "catalog", params: [] }] }]);
});

test("a login answered without a rotated token makes the other tab fetch /session again", async () => {
  const a = tab();
  const b = tab();
  await b.call("other", {}); // b holds t1
  await a.call({ name: "other", sessionInit: true }, {}); // a holds t2; the response rotates nothing
  await new Promise((r) => setTimeout(r, 30)); // the broadcast reaches b
  await b.call("other", {});
  expect(server.requests.filter((r) => r.path === "/mizan/call/other").map((r) => r.headers["mizan-csrf"])).toEqual(["t1", "t2", "t3"]);
});

test("a login that fails clears the USER entries of every tab: the server signed the caller out before the function ran", async () => {
  const a = tab();
  const b = tab();
  const me = { name: "me", scope: "user" } as const;
  const inA = a.registerContext(me, {});
  const inB = b.registerContext(me, {});
  const catalog = b.registerContext({ name: "catalog", scope: "public" }, {});
  for (const h of [inA, inB, catalog]) h.subscribe(() => {});
  await until(() => [inA, inB, catalog].every((h) => h.getState().status === "success"));
  await expect(a.call({ name: "login", sessionInit: true }, { user: "bob" })).rejects.toMatchObject({ code: "unauthenticated" });
  // both tabs read `me` again, as whoever the server now sees; the PUBLIC entry stays
  await until(() => server.requests.filter((r) => r.path === "/mizan/ctx/me").length === 4);
  await until(() => inA.getState().status === "success" && inB.getState().status === "success");
  expect(server.requests.filter((r) => r.path === "/mizan/ctx/catalog")).toHaveLength(1);
});

test("a login whose answer cannot be read still clears the USER entries of every tab: the server answered, so it signed the caller out", async () => {
  const a = tab();
  const b = tab();
  const me = { name: "me", scope: "user" } as const;
  const inA = a.registerContext(me, {});
  const inB = b.registerContext(me, {});
  for (const h of [inA, inB]) h.subscribe(() => {});
  await until(() => [inA, inB].every((h) => h.getState().status === "success"));
  await expect(a.call({ name: "garbledLogin", sessionInit: true }, { user: "bob" })).rejects.toMatchObject({ code: "bad_response" });
  await until(() => server.requests.filter((r) => r.path === "/mizan/ctx/me").length === 4);
});

test("a login that never left (/session unreachable) signs nobody out: no tab clears its USER entries or its CSRF token", async () => {
  let sessionDown = false;
  server.handle((r): Reply => {
    if (r.path === "/mizan/session") return sessionDown ? { status: 502, body: "Bad Gateway", raw: true } : { body: { csrfToken: "t1", user: "alice" } };
    if (r.path === "/mizan/call/other") return { body: { result: null, invalidate: [] } };
    return { body: `${r.url} as alice` };
  });
  const a = tab();
  const b = tab();
  const me = { name: "me", scope: "user" } as const;
  const inA = a.registerContext(me, {});
  const inB = b.registerContext(me, {});
  const statuses: string[] = [];
  for (const h of [inA, inB]) h.subscribe(() => statuses.push(h.getState().status));
  await until(() => [inA, inB].every((h) => h.getState().status === "success"));
  await b.call("other", {}); // b holds t1
  statuses.length = 0;
  sessionDown = true; // a flaky gateway: a has no token yet and cannot get one
  await expect(a.call({ name: "login", sessionInit: true }, { user: "bob" })).rejects.toMatchObject({ status: 502 });
  expect(server.to("/mizan/call/login")).toHaveLength(0);
  await new Promise((r) => setTimeout(r, 50)); // a broadcast would have reached b
  expect(statuses).not.toContain("pending");
  expect(server.to("/mizan/ctx/me")).toHaveLength(2);
  await b.call("other", {}); // still with t1: no /session, which would fail
  expect(server.to("/mizan/call/other").map((r) => r.headers["mizan-csrf"])).toEqual(["t1", "t1"]);
});

test("two applications on one origin keep apart by default: a logout in one leaves the other's USER entries", async () => {
  const app = (path: string) => createClient({ baseUrl: `${server.baseUrl}${path}`, document: null, retryDelay: () => 5 });
  const one = app("/app1");
  const two = app("/app2");
  clients.push(one, two);
  const me = { name: "me", scope: "user" } as const;
  const inTwo = two.registerContext(me, {});
  inTwo.subscribe(() => {});
  await until(() => inTwo.getState().status === "success");
  await one.call({ name: "logout", sessionInit: true }, {});
  await new Promise((r) => setTimeout(r, 50)); // a broadcast would have arrived
  expect(server.requests.filter((r) => r.path === "/app2/mizan/ctx/me")).toHaveLength(1);
  await two.call("other", {});
  // app2's own token from its own /session, not app1's rotated one
  expect(server.requests.filter((r) => r.path === "/app2/mizan/call/other").map((r) => r.headers["mizan-csrf"])).toEqual(["t2"]);
});

test("a tab does not act on its own broadcast twice", async () => {
  const a = tab();
  tab();
  const h = a.registerContext(todos, { list: 1 });
  h.subscribe(() => {});
  await until(() => h.getState().status === "success");
  await a.call("addTodo", { list: 1, title: "x" });
  await until(() => server.requests.filter((r) => r.path === "/mizan/ctx/todos").length === 2 && !h.getState().isFetching);
  await new Promise((r) => setTimeout(r, 50));
  expect(server.requests.filter((r) => r.path === "/mizan/ctx/todos")).toHaveLength(2);
});
