import { createHash } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { createClient, type MizanClient, type SsrData } from "../src/index.js";
import { connectEvents, type EventsConnection } from "../src/events.js";
import { startServer, until, type TestServer } from "./support/server.js";

const todos = { name: "todos", scope: "user", paramTypes: { list: "integer" } } as const;
const clients: MizanClient[] = [];
const connections: EventsConnection[] = [];
let server: TestServer;

afterEach(async () => {
  for (const c of connections.splice(0)) c.close();
  for (const c of clients.splice(0)) c.close();
  await server?.close();
});

function client(baseUrl: string, channel = `live-${Math.random()}`) {
  const c = createClient({ baseUrl, channel, document: null, retryDelay: () => 5 });
  clients.push(c);
  return c;
}

test("a call sends the mounted stableKeys as $refresh and applies `refreshed` without refetching those", async () => {
  server = await startServer((r) => {
    if (r.path === "/mizan/session") return { body: { csrfToken: "t", user: null } };
    if (r.path === "/mizan/call/addTodo")
      return {
        headers: { "Mizan-Event-Id": "e1" },
        body: {
          result: 1,
          invalidate: [{ context: "todos" }],
          refreshed: { 'todos|{"list":1}': { data: ["fresh"], updatedAt: 1234 } },
        },
      };
    return { body: [`from ${r.url}`] };
  });
  const c = client(server.baseUrl);
  const one = c.registerContext(todos, { list: 1 });
  const two = c.registerContext(todos, { list: 2 });
  one.subscribe(() => {});
  two.subscribe(() => {});
  await until(() => one.getState().status === "success" && two.getState().status === "success");
  await c.call("addTodo", { title: "x" });
  const body = JSON.parse(server.to("/mizan/call/addTodo")[0]!.body) as Record<string, unknown>;
  expect(body.title).toBe("x");
  expect(body.$refresh).toEqual(['todos|{"list":1}', 'todos|{"list":2}']);
  expect(one.getState().data).toEqual(["fresh"]);
  expect(one.getState().dataUpdatedAt).toBe(1234);
  // list 2 was invalidated but not refreshed: refetched as before; list 1 is not
  await until(() => server.to("/mizan/ctx/todos").filter((r) => r.url.includes("list=2")).length === 2);
  await new Promise((r) => setTimeout(r, 50));
  expect(server.to("/mizan/ctx/todos").filter((r) => r.url.includes("list=1"))).toHaveLength(1);
});

/**
 * A server whose reads answer `read <n>` (each held by `readGate` when set) and whose `save` call,
 * held by `callGate`, invalidates todos and refreshes list 1 with `"refreshed"`.
 */
async function refreshServer() {
  const gates = { call: Promise.resolve(), read: undefined as Promise<void> | undefined };
  let reads = 0;
  server = await startServer(async (r) => {
    if (r.path === "/mizan/session") return { body: { csrfToken: "t", user: null } };
    if (r.path === "/mizan/call/save") {
      await gates.call;
      return { body: { result: 1, invalidate: [{ context: "todos" }], refreshed: { 'todos|{"list":1}': { data: "refreshed", updatedAt: 1 } } } };
    }
    const n = ++reads;
    await gates.read;
    return { body: `read ${n}` };
  });
  return gates;
}

/** A mounted read (`read 1` shown) and a call `save` the server holds until `releaseCall()`. */
async function mountedDuringHeldCall() {
  const gates = await refreshServer();
  const c = client(server.baseUrl);
  const one = c.registerContext(todos, { list: 1 });
  const seen: unknown[] = [];
  one.subscribe(() => seen.push(one.getState().data));
  await until(() => one.getState().data === "read 1");
  let releaseCall!: () => void;
  gates.call = new Promise<void>((r) => (releaseCall = r));
  const saving = c.call("save", {});
  await until(() => server.to("/mizan/call/save").length === 1);
  return { gates, one, seen, saving, releaseCall };
}

test("`refreshed` data never replaces data fetched after the call was sent: the entry refetches instead", async () => {
  const { one, seen, saving, releaseCall: release } = await mountedDuringHeldCall();
  await one.refetch(); // newer than the call: started after it was sent
  expect(one.getState().data).toBe("read 2");
  release();
  await saving;
  await until(() => one.getState().data === "read 3" && !one.getState().isFetching); // refetched as an invalidated entry
  expect(seen).not.toContain("refreshed");
});

test("`refreshed` data does not cancel a refetch that started while the call was in flight", async () => {
  const { gates, one, seen, saving, releaseCall } = await mountedDuringHeldCall();
  let releaseRead!: () => void;
  gates.read = new Promise<void>((r) => (releaseRead = r));
  const refetching = one.refetch();
  await until(() => server.to("/mizan/ctx/todos").length === 2);
  releaseCall();
  await saving;
  expect(one.getState().isFetching).toBe(true); // still waiting for read 2
  releaseRead();
  await refetching;
  await until(() => !one.getState().isFetching);
  expect(seen).toContain("read 2");
  expect(seen).not.toContain("refreshed");
  // read 2 may have been read before the call's changes: one more read after it
  expect(one.getState().data).toBe("read 3");
});

test("`refreshed` data does not wipe an invalidation that arrived while the call was in flight", async () => {
  const gates = await refreshServer();
  const c = client(server.baseUrl);
  const one = c.registerContext(todos, { list: 1 });
  one.subscribe(() => {});
  await until(() => one.getState().data === "read 1");
  let releaseRead!: () => void;
  gates.read = new Promise<void>((r) => (releaseRead = r));
  void one.refetch(); // started before the call
  await until(() => server.to("/mizan/ctx/todos").length === 2);
  let releaseCall!: () => void;
  gates.call = new Promise<void>((r) => (releaseCall = r));
  const saving = c.call("save", {});
  await until(() => server.to("/mizan/call/save").length === 1);
  // another change (another tab's call, an event) after the call was sent: the server may have read the
  // refreshed data before it
  c.invalidate([{ context: "todos", params: { list: 1 } }]);
  releaseCall();
  await saving;
  gates.read = undefined;
  releaseRead();
  await until(() => server.to("/mizan/ctx/todos").length === 3 && !one.getState().isFetching);
  expect(one.getState().data).toBe("read 3");
});

test("of two overlapping calls, the one answered last does not write its `refreshed` copy over the other's: the entry refetches", async () => {
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((r) => (releaseFirst = r));
  let reads = 0;
  server = await startServer(async (r) => {
    if (r.path === "/mizan/session") return { body: { csrfToken: "t", user: null } };
    if (r.path.startsWith("/mizan/call/")) {
      const name = r.path.slice("/mizan/call/".length);
      if (name === "first") await firstHeld;
      // either copy may be the newer one: the server may have run the two in either order
      return { body: { result: name, invalidate: [{ context: "todos" }], refreshed: { 'todos|{"list":1}': { data: name, updatedAt: 1 } } } };
    }
    return { body: `read ${++reads}` };
  });
  const c = client(server.baseUrl);
  const one = c.registerContext(todos, { list: 1 });
  const seen: unknown[] = [];
  one.subscribe(() => seen.push(one.getState().data));
  await until(() => one.getState().data === "read 1");
  const first = c.call("first", {});
  await until(() => server.to("/mizan/call/first").length === 1);
  await c.call("second", {});
  expect(one.getState().data).toBe("second");
  releaseFirst();
  await first;
  await until(() => one.getState().data === "read 2" && !one.getState().isFetching);
  expect(seen).not.toContain("first");
});

test("a call with nothing mounted sends its args unchanged", async () => {
  server = await startServer((r) =>
    r.path === "/mizan/session" ? { body: { csrfToken: "t", user: null } } : { body: { result: null, invalidate: [] } },
  );
  await client(server.baseUrl).call("ping", { a: 1 });
  expect(server.to("/mizan/call/ping")[0]!.body).toBe('{"a":1}');
});

/** A server with a real event stream: `push` writes to every open stream. */
async function eventServer(readDelay = 0) {
  const streams: ServerResponse[] = [];
  /** The URL of every stream request, in order, and of those that ended; a `recent` duration reads `recent=N`. */
  const opened: string[] = [];
  const ended: string[] = [];
  /** The URL of every stream request as sent. */
  const sentUrls: string[] = [];
  const reads: string[] = [];
  const http = createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (url.pathname === "/mizan/events") {
      const seen = req.url!.replace(/recent=\d+/, "recent=N");
      sentUrls.push(req.url!);
      opened.push(seen);
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write(": mizan\n\n");
      streams.push(res);
      res.on("close", () => ended.push(seen));
      return;
    }
    // a login that makes list 1 of todos and news stale, with the session it needs
    if (url.pathname === "/mizan/session") return res.writeHead(200, { "Content-Type": "application/json" }).end('{"csrfToken":"t","user":null}');
    if (url.pathname === "/mizan/call/login") {
      return res.writeHead(200, { "Content-Type": "application/json", "Mizan-CSRF-Token": "t2" })
        .end('{"result":null,"invalidate":[{"context":"todos","params":{"list":1}},{"context":"news"}]}');
    }
    reads.push(req.url!);
    const n = reads.length;
    setTimeout(() => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(n)), readDelay);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    baseUrl,
    reads,
    streams,
    opened,
    sentUrls,
    ended,
    push: (text: string) => streams.forEach((s) => s.write(text)),
    close: () => new Promise<void>((r) => (http.closeAllConnections(), http.close(() => r()))),
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** An event server and a client reading its stream, with lists 1 and 2 of todos mounted and read once. */
async function twoListsLive() {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = client(es.baseUrl);
  connections.push(connectEvents(c));
  const one = c.registerContext(todos, { list: 1 });
  const two = c.registerContext(todos, { list: 2 });
  one.subscribe(() => {});
  two.subscribe(() => {});
  await until(() => es.streams.length === 1 && one.getState().status === "success" && two.getState().status === "success");
  return es;
}

test("an invalidate event refetches the mounted read whose stableKey digest it names, only that one", async () => {
  const es = await twoListsLive();
  es.push(`event: invalidate\nid: x1\ndata: {"context":"todos","digest":"${sha256('todos|{"list":2}')}"}\n\n`);
  await until(() => es.reads.filter((u) => u.includes("list=2")).length === 2);
  await new Promise((r) => setTimeout(r, 50));
  expect(es.reads.filter((u) => u.includes("list=1"))).toHaveLength(1);
  // no digest: every entry of the context
  es.push(`event: invalidate\nid: x2\ndata: {"context":"todos"}\n\n`);
  await until(() => es.reads.filter((u) => u.includes("list=1")).length === 2 && es.reads.filter((u) => u.includes("list=2")).length === 3);
  // resync: everything mounted
  es.push(`event: resync\ndata: {}\n\n`);
  await until(() => es.reads.filter((u) => u.includes("list=1")).length === 3);
});

test("without SubtleCrypto (a page over plain HTTP) an event with a digest refetches every entry of its context", async () => {
  const es = await twoListsLive();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  // what a browser gives a page that is no secure context: crypto without subtle
  vi.stubGlobal("crypto", { getRandomValues: (a: Uint8Array) => a });
  try {
    es.push(`event: invalidate\nid: x1\ndata: {"context":"todos","digest":"${sha256('todos|{"list":2}')}"}\n\n`);
    await until(() => es.reads.filter((u) => u.includes("list=1")).length === 2 && es.reads.filter((u) => u.includes("list=2")).length === 2);
  } finally {
    vi.unstubAllGlobals();
    await new Promise((r) => setTimeout(r, 20));
    process.off("unhandledRejection", onUnhandled);
  }
  expect(unhandled).toEqual([]);
});

test("the echo of this client's own call is ignored; a dropped stream reconnects and resyncs", async () => {
  const es = await eventServer();
  let calls = 0;
  const c = createClient({
    baseUrl: es.baseUrl,
    auth: "token",
    getToken: () => "tok",
    channel: `live-${Math.random()}`,
    document: null,
    fetch: async (input, init) => {
      if (String(input).includes("/mizan/call/")) {
        calls++;
        // the echo reaches the stream before the call's response does
        es.push(`event: invalidate\nid: mine\ndata: {"context":"todos"}\n\n`);
        await new Promise((r) => setTimeout(r, 30));
        return new Response(JSON.stringify({ result: 1, invalidate: [] }), {
          headers: { "Content-Type": "application/json", "Mizan-Event-Id": "mine" },
        });
      }
      return fetch(input, init);
    },
  });
  clients.push(c);
  server = { close: es.close } as unknown as TestServer;
  const seen: string[] = [];
  connections.push(connectEvents(c, { reconnectDelay: () => 20, onEvent: (e) => seen.push(e.type) }));
  const one = c.registerContext(todos, { list: 1 });
  one.subscribe(() => {});
  await until(() => es.streams.length === 1 && one.getState().status === "success");
  await c.call("touch", {});
  expect(calls).toBe(1);
  await new Promise((r) => setTimeout(r, 100));
  expect(es.reads.filter((u) => u.includes("list=1"))).toHaveLength(1);
  expect(seen).toEqual([]);
  // the server drops the stream: the client reconnects and refetches what is mounted
  es.streams.splice(0).forEach((s) => s.destroy());
  await until(() => es.streams.length === 1);
  await until(() => es.reads.filter((u) => u.includes("list=1")).length === 2);
  expect(seen).toEqual(["resync"]);
});

test("with channel: false a tab keeps its calls to itself: another tab acts on their events, which it heard of from nowhere else", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  // a tab that shares nothing with other tabs: its calls' invalidations never reach them over a channel
  const alone = createClient({
    baseUrl: es.baseUrl,
    auth: "token",
    channel: false,
    document: null,
    fetch: async (input, init) => {
      if (!String(input).includes("/mizan/call/")) return fetch(input, init);
      await new Promise((r) => setTimeout(r, 30)); // the call runs; its purges send the event, then it answers
      es.push(`event: invalidate\nid: alone-1\ndata: {"context":"todos"}\n\n`);
      await new Promise((r) => setTimeout(r, 30));
      return Response.json({ result: 1, invalidate: [{ context: "todos" }] }, { headers: { "Mizan-Event-Id": "alone-1" } });
    },
  });
  clients.push(alone);
  // another tab with the default channel, whose live updates would share the same name
  const other = createClient({ baseUrl: es.baseUrl, document: null });
  clients.push(other);
  const seen: string[] = [];
  const seenAlone: string[] = [];
  connections.push(
    connectEvents(alone, { onEvent: (e) => seenAlone.push(e.type) }),
    connectEvents(other, { onEvent: (e) => seen.push(e.type === "invalidate" ? e.id! : e.type) }),
  );
  const read = other.registerContext(todos, { list: 1 });
  read.subscribe(() => {});
  await until(() => es.streams.length === 2 && read.getState().status === "success");
  await alone.call("touch", {});
  await until(() => es.reads.length === 2, 1000); // the other tab refetched on the event
  expect(seen).toEqual(["alone-1"]);
  expect(seenAlone).toEqual([]); // its own echo: its call's invalidate list already did the work
});

test("without Web Locks (a page not in a secure context) each tab reads its own stream and shares none of its events", async () => {
  expect((globalThis as { navigator?: { locks?: unknown } }).navigator?.locks).toBeUndefined(); // Node 20: no Web Locks
  const es = await eventServer(30); // a refetch still in flight when the shared copies arrive queues another
  server = { close: es.close } as unknown as TestServer;
  const channel = `nolocks-${Math.random()}`;
  const tabs = [0, 1, 2].map(() => client(es.baseUrl, channel));
  connections.push(...tabs.map((c) => connectEvents(c)));
  const public1 = { name: "todos", scope: "public", paramTypes: { list: "integer" } } as const;
  for (const c of tabs) c.registerContext(public1, { list: 1 }).subscribe(() => {});
  await until(() => es.reads.length === 3 && es.streams.length === 3);
  const digest = createHash("sha256").update('todos|{"list":1}').digest("hex");
  es.push(`event: invalidate\nid: x1\ndata: {"context":"todos","digest":"${digest}"}\n\n`); // once on each tab's stream
  await until(() => es.reads.length >= 6);
  await new Promise((r) => setTimeout(r, 200));
  expect(es.reads).toHaveLength(6); // one refetch a tab, not one a tab per tab
});

test("`refreshed` data read before a logout is not shown after it: the entry shows the new user's read", async () => {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let user = "alice";
  server = await startServer(async (r) => {
    if (r.path === "/mizan/session") return { body: { csrfToken: "t", user: null } };
    if (r.path === "/mizan/call/save") {
      await released; // answered after the logout below, with what it read as alice
      return { body: { result: 1, invalidate: [{ context: "orders" }], refreshed: { "orders|{}": { data: ["orders of alice"] } } } };
    }
    return { body: [`orders of ${user}`] };
  });
  const c = client(server.baseUrl);
  const orders = c.registerContext({ name: "orders", scope: "user" }, {});
  orders.subscribe(() => {});
  await until(() => orders.getState().status === "success");
  const saving = c.call("save", {});
  await until(() => server.to("/mizan/call/save").length === 1);
  user = "nobody"; // the principal changes while the call is in flight (a logout, in any tab)
  c.clearUserEntries();
  await until(() => orders.getState().status === "success");
  expect(orders.getState().data).toEqual(["orders of nobody"]);
  release();
  await saving;
  await new Promise((r) => setTimeout(r, 50));
  expect(orders.getState().data).toEqual(["orders of nobody"]);
});

/** A client whose calls `answer` (after its own delay); sessions are answered at once, reads go to the server. */
function clientWithCalls(baseUrl: string, answer: () => Promise<Response>) {
  const c = createClient({
    baseUrl,
    channel: `live-${Math.random()}`,
    document: null,
    fetch: async (input, init) => {
      if (String(input).includes("/mizan/session")) return Response.json({ csrfToken: "t", user: null });
      return String(input).includes("/mizan/call/") ? answer() : fetch(input, init);
    },
  });
  clients.push(c);
  return c;
}

test("connection.close() while a call is in flight: the call still resolves with its result", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const c = clientWithCalls(es.baseUrl, async () => {
    await released;
    return Response.json({ result: 7, invalidate: [] }, { headers: { "Mizan-Event-Id": "e9" } });
  });
  const connection = connectEvents(c);
  await until(() => es.streams.length === 1);
  const calling = c.call("touch", {});
  await new Promise((r) => setTimeout(r, 20));
  connection.close();
  release();
  await expect(calling).resolves.toBe(7);
});

test("a connection closed while it holds an event back for a call in flight never acts on it: not when the call ends, nor after 10 s", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const c = clientWithCalls(es.baseUrl, async () => {
    await released;
    return Response.json({ result: 7, invalidate: [] }, { headers: { "Mizan-Event-Id": "e9" } });
  });
  const one = c.registerContext(todos, { list: 1 });
  one.subscribe(() => {});
  const seen: string[] = [];
  const connection = connectEvents(c, { onEvent: (e) => seen.push(e.type) });
  connections.push(connection);
  await until(() => es.streams.length === 1 && one.getState().status === "success");
  const calling = c.call("touch", {});
  await new Promise((r) => setTimeout(r, 20));
  es.push('event: invalidate\nid: other\ndata: {"context":"todos"}\n\n'); // someone else's change: held for the call
  await new Promise((r) => setTimeout(r, 50));
  connection.close(); // a user switch, say
  await new Promise((r) => setTimeout(r, 10_100)); // past the 10 s an event is held at most
  release();
  await expect(calling).resolves.toBe(7);
  await new Promise((r) => setTimeout(r, 50));
  expect(seen).toEqual([]);
  expect(es.reads).toHaveLength(1);
}, 15_000);

/** A server whose `/mizan/events` answers as `events` says; counts the stream requests. */
async function scriptedEvents(events: (n: number, res: ServerResponse) => void) {
  let opens = 0;
  const http = createServer((req, res) => {
    if (new URL(req.url!, "http://x").pathname === "/mizan/events") events(++opens, res);
    else res.writeHead(200, { "Content-Type": "application/json" }).end("1");
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  return {
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    opens: () => opens,
    close: () => new Promise<void>((r) => (http.closeAllConnections(), http.close(() => r()))),
  };
}

test("a 404 without Mizan-Protocol (the application redeploying) is retried; Mizan's own 404 stops the stream", async () => {
  let third: ServerResponse | undefined;
  const es = await scriptedEvents((n, res) => {
    if (n <= 2) res.writeHead(404, { "Content-Type": "text/html" }).end("<h1>Not Found</h1>");
    else if (n === 3) (third = res).writeHead(200, { "Content-Type": "text/event-stream" }).write(": mizan\n\n");
    else res.writeHead(404, { "Content-Type": "application/json", "Mizan-Protocol": "1" }).end('{"error":"not_found"}');
  });
  server = { close: es.close } as unknown as TestServer;
  const connection = connectEvents(client(es.baseUrl), { reconnectDelay: () => 10 });
  connections.push(connection);
  await until(() => es.opens() === 3);
  expect(connection.leader).toBe(true);
  third!.end(); // the stream ends: its reconnect meets Mizan's own 404
  await until(() => es.opens() === 4);
  await new Promise((r) => setTimeout(r, 150)); // many reconnect delays: none is waited for
  expect(es.opens()).toBe(4);
  expect(connection.leader).toBe(false);
});

test("a stream that ends at once is reopened with a growing delay, and a 200 that is not a stream is retried", async () => {
  // reconnects 2 and 3 meet a login page (a 200, not a stream): were it read as one, each would resync
  const es = await scriptedEvents((n, res) => {
    if (n === 2 || n === 3) res.writeHead(200, { "Content-Type": "text/html" }).end("<form>login</form>");
    else res.writeHead(200, { "Content-Type": "text/event-stream" }).end(": mizan\n\n");
  });
  server = { close: es.close } as unknown as TestServer;
  const attempts: number[] = [];
  const seen: string[] = [];
  /** The resyncs delivered before each reconnect wait. */
  const resyncs: number[] = [];
  connections.push(
    connectEvents(client(es.baseUrl), {
      reconnectDelay: (n) => (attempts.push(n), resyncs.push(seen.filter((t) => t === "resync").length), 5),
      onEvent: (e) => seen.push(e.type),
    }),
  );
  await until(() => attempts.length >= 5);
  // not reset to 1 by each stream that opened and ended at once
  expect(attempts.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
  // each reopened stream resyncs (events may have been missed), the first does not; the login pages
  // opened none: no resync, so no mounted read refetched
  expect(resyncs.slice(0, 5)).toEqual([0, 0, 0, 1, 2]);
});

/**
 * Records the delays events.ts sets its timers to, but the 60 s idle timeout's: its reconnect waits.
 * With `atOnce`, those waits end at once, so a test sees many attempts.
 */
function reconnectWaits(atOnce = false) {
  const waits: number[] = [];
  const setTimer = globalThis.setTimeout;
  const spy = vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, ms?: number) => {
    const wait = ms !== 60_000 && !!new Error().stack?.includes("/events.ts");
    if (wait) waits.push(ms ?? 0);
    return setTimer(callback, wait && atOnce ? 0 : ms);
  }) as typeof setTimeout);
  return { waits, restore: () => spy.mockRestore() };
}

test("a 503's Retry-After is waited with jitter and at most 30 s: one beyond setTimeout's range does not reconnect in a loop", async () => {
  let retryAfter = "3000000"; // 34 days: as a delay in ms, beyond 2^31−1, which setTimeout fires at once
  const es = await scriptedEvents((_, res) => res.writeHead(503, { "Content-Type": "application/json", "Retry-After": retryAfter }).end('{"error":{"code":"unavailable"}}'));
  server = { close: es.close } as unknown as TestServer;
  const { waits, restore } = reconnectWaits();
  const random = vi.spyOn(Math, "random");
  try {
    random.mockReturnValue(0.9999); // the most jitter
    const capped = connectEvents(client(es.baseUrl));
    connections.push(capped);
    await new Promise((r) => setTimeout(r, 300));
    expect(es.opens()).toBe(1);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(29_900);
    expect(waits[0]).toBeLessThanOrEqual(30_000);
    capped.close();

    retryAfter = "5";
    random.mockReturnValue(0); // no jitter: what the server asked for
    const asked = connectEvents(client(es.baseUrl));
    connections.push(asked);
    await until(() => es.opens() === 2 && waits.length === 2);
    expect(waits[1]).toBe(5000);
  } finally {
    restore();
    random.mockRestore();
  }
});

test("the default reconnect delay doubles from 0.5 s and, jitter included, is never over 30 s", async () => {
  const es = await scriptedEvents((_, res) => res.writeHead(502, { "Content-Type": "text/html" }).end("<h1>Bad Gateway</h1>"));
  server = { close: es.close } as unknown as TestServer;
  const { waits, restore } = reconnectWaits(true);
  const random = vi.spyOn(Math, "random").mockReturnValue(0.9999); // the most jitter
  try {
    connections.push(connectEvents(client(es.baseUrl)));
    await until(() => waits.length >= 9);
    expect(waits.slice(0, 9).map(Math.round)).toEqual([625, 1250, 2500, 5000, 10_000, 20_000, 29_999, 29_999, 29_999]);
  } finally {
    restore();
    random.mockRestore();
  }
});

test("a CRLF split across two chunks ends one line, not two: the event is delivered", async () => {
  let stream!: ServerResponse;
  const es = await scriptedEvents((_n, res) => {
    res.writeHead(200, { "Content-Type": "text/event-stream" });
    res.write(": mizan\r\n\r\n");
    stream = res;
  });
  server = { close: es.close } as unknown as TestServer;
  const seen: LiveEventSeen[] = [];
  connections.push(connectEvents(client(es.baseUrl), { onEvent: (e) => seen.push(e as LiveEventSeen) }));
  await until(() => stream !== undefined);
  stream.write("event: invalidate\r");
  await new Promise((r) => setTimeout(r, 30));
  stream.write('\nid: a1\r\ndata: {"context":"todos"}\r\n\r\n');
  await until(() => seen.length === 1);
  expect(seen[0]).toEqual({ type: "invalidate", context: "todos", id: "a1" });
});

type LiveEventSeen = { type: string; context?: string; id?: string };

test("a stream request the server never answers is given up after idleTimeout and made again", async () => {
  const es = await scriptedEvents((n, res) => {
    if (n > 1) res.writeHead(200, { "Content-Type": "text/event-stream" }).write(": mizan\n\n");
    // the first request hangs: no headers, ever
  });
  server = { close: es.close } as unknown as TestServer;
  const seen: string[] = [];
  connections.push(connectEvents(client(es.baseUrl), { idleTimeout: 100, reconnectDelay: () => 10, onEvent: (e) => seen.push(e.type) }));
  await until(() => es.opens() === 2 && seen.length === 1);
  expect(seen).toEqual(["resync"]);
});

test("a line longer than 1 MiB (not Mizan's stream) is not held: the stream is dropped and opened again", async () => {
  const es = await scriptedEvents((n, res) => {
    res.writeHead(200, { "Content-Type": "text/event-stream" }).write(": mizan\n\n");
    if (n === 1) res.write("x".repeat(1_200_000)); // and never a line end
  });
  server = { close: es.close } as unknown as TestServer;
  const seen: string[] = [];
  connections.push(connectEvents(client(es.baseUrl), { reconnectDelay: () => 10, onEvent: (e) => seen.push(e.type) }));
  await until(() => es.opens() === 2 && seen.length === 1);
  expect(seen).toEqual(["resync"]); // the second stream catches up on what the first may have carried
});

test("calls that keep overlapping hold an event at most 10 s, not until they stop", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = clientWithCalls(es.baseUrl, async () => {
    await new Promise((r) => setTimeout(r, 1500));
    return Response.json({ result: null, invalidate: [] });
  });
  const acted: number[] = [];
  connections.push(connectEvents(c, { onEvent: () => acted.push(Date.now()) }));
  await until(() => es.streams.length === 1);
  let calling = true;
  const calls = (async () => {
    while (calling) {
      void c.call("tick", {});
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  const pushed = Date.now();
  es.push(`event: invalidate\nid: other\ndata: {"context":"todos"}\n\n`);
  await until(() => acted.length === 1, 14_000);
  calling = false;
  await calls;
  const held = acted[0]! - pushed;
  expect(held).toBeGreaterThanOrEqual(9_000);
  expect(held).toBeLessThan(12_000);
}, 20_000);

test("a call that runs longer than 10 s still holds its own echo back: it is ignored, not refetched", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = clientWithCalls(es.baseUrl, async () => {
    await new Promise((r) => setTimeout(r, 10_500));
    es.push(`event: invalidate\nid: slow\ndata: {"context":"todos"}\n\n`); // the purge's event, then the response
    await new Promise((r) => setTimeout(r, 300));
    return Response.json({ result: 1, invalidate: [] }, { headers: { "Mizan-Event-Id": "slow" } });
  });
  const seen: string[] = [];
  connections.push(connectEvents(c, { onEvent: (e) => seen.push(e.type) }));
  await until(() => es.streams.length === 1);
  await c.call("slow", {});
  await new Promise((r) => setTimeout(r, 100));
  expect(seen).toEqual([]);
}, 20_000);

test("closing an older connection of a client leaves the newer one hearing of the client's calls", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = clientWithCalls(es.baseUrl, async () => {
    es.push(`event: invalidate\nid: mine\ndata: {"context":"todos"}\n\n`);
    await new Promise((r) => setTimeout(r, 30));
    return Response.json({ result: 1, invalidate: [] }, { headers: { "Mizan-Event-Id": "mine" } });
  });
  const older = connectEvents(c);
  const seen: string[] = [];
  connections.push(connectEvents(c, { onEvent: (e) => seen.push(e.type) }));
  older.close();
  await until(() => es.streams.length >= 1);
  await c.call("touch", {});
  await new Promise((r) => setTimeout(r, 100));
  expect(seen).toEqual([]); // the echo of its own call, not an invalidation from elsewhere
});

test("a client seeded by a server-rendered page catches up: its first stream asks for the events since readAt, a reconnect does not", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = client(es.baseUrl);
  c.hydrate({ contexts: { 'todos|{"list":1}': { data: "rendered", updatedAt: 1 } }, readAt: 1764578138371 });
  const one = c.registerContext(todos, { list: 1 });
  one.subscribe(() => {});
  const seen: string[] = [];
  connections.push(connectEvents(c, { reconnectDelay: () => 20, onEvent: (e) => seen.push(e.type) }));
  await until(() => es.streams.length === 1);
  expect(es.opened).toEqual(["/mizan/events?since=1764578138371"]);
  expect(es.reads).toEqual([]); // seeded, not fetched
  // what the server heard of since the render, then the end of the catch-up
  es.push(`event: invalidate\nid: e1\ndata: {"context":"todos","digest":"${sha256('todos|{"list":1}')}"}\n\nevent: replayed\ndata: {}\n\n`);
  await until(() => one.getState().data === 1);
  es.streams.splice(0).forEach((s) => s.destroy());
  await until(() => es.streams.length === 1);
  // the server holds the request before the client has its answer, which is when it resyncs
  await until(() => seen.length === 2);
  expect(es.opened).toEqual(["/mizan/events?since=1764578138371", "/mizan/events"]);
  expect(seen).toEqual(["invalidate", "resync"]);
});

test("a client not seeded by a server-rendered page, or by one whose readAt is no time, opens its stream with recent, not since", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  for (const readAt of [undefined, -1, 1.5, "1764578138371", 2 ** 53, null, { toString: () => "1&x=1" }]) {
    const c = client(es.baseUrl);
    c.hydrate({ contexts: {}, readAt } as unknown as SsrData);
    const connection = connectEvents(c);
    await until(() => es.streams.length === 1);
    connection.close();
    es.streams.splice(0).forEach((s) => s.destroy());
  }
  expect(es.opened).toEqual(Array(7).fill("/mizan/events?recent=N"));
});

test("a client not seeded by a server-rendered page asks its first stream for what changed since it was made (recent), a reconnect does not", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const before = performance.now();
  const c = client(es.baseUrl);
  const one = c.registerContext(todos, { list: 1 });
  one.subscribe(() => {});
  await until(() => one.getState().data === 1); // answered before the stream opens
  await new Promise((r) => setTimeout(r, 200));
  const seen: string[] = [];
  connections.push(connectEvents(c, { reconnectDelay: () => 20, onEvent: (e) => seen.push(e.type) }));
  await until(() => es.streams.length === 1);
  const recent = Number(/^\/mizan\/events\?recent=(\d+)$/.exec(es.sentUrls[0]!)?.[1]);
  expect(recent).toBeGreaterThanOrEqual(200);
  expect(recent).toBeLessThanOrEqual(Math.ceil(performance.now() - before));
  // a change the server heard of after that read was answered, replayed: the read is fetched again
  es.push(`event: invalidate\nid: e1\ndata: {"context":"todos","digest":"${sha256('todos|{"list":1}')}"}\n\nevent: replayed\ndata: {}\n\n`);
  await until(() => one.getState().data === 2);
  es.streams.splice(0).forEach((s) => s.destroy());
  await until(() => es.streams.length === 1);
  await until(() => seen.length === 2);
  expect(es.opened).toEqual(["/mizan/events?recent=N", "/mizan/events"]);
  expect(seen).toEqual(["invalidate", "resync"]);
});

test("a reconnect catches up from the server's clock in the last comment heard once caught up; a login or logout resyncs", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = client(es.baseUrl);
  const one = c.registerContext(todos, { list: 1 });
  one.subscribe(() => {});
  await until(() => one.getState().data === 1);
  const seen: string[] = [];
  connections.push(connectEvents(c, { reconnectDelay: () => 20, onEvent: (e) => seen.push(e.type) }));
  await until(() => es.streams.length === 1);
  // the opening comment comes before the catch-up, which the stream then says it finished; a heartbeat follows
  es.push(": mizan 4000\n\nevent: replayed\ndata: {}\n\n: 5000\n\n");
  await new Promise((r) => setTimeout(r, 50));
  es.streams.splice(0).forEach((s) => s.destroy());
  await until(() => es.streams.length === 1);
  expect(es.opened).toEqual(["/mizan/events?recent=N", "/mizan/events?since=5000"]);
  // dropped before it was caught up: the next stream asks from the same moment
  es.push(": 6000\n\n");
  await new Promise((r) => setTimeout(r, 50));
  es.streams.splice(0).forEach((s) => s.destroy());
  await until(() => es.streams.length === 1);
  expect(es.opened.slice(2)).toEqual(["/mizan/events?since=5000"]);
  es.push(`event: invalidate\nid: e2\ndata: {"context":"todos","digest":"${sha256('todos|{"list":1}')}"}\n\nevent: replayed\ndata: {}\n\n`);
  await until(() => one.getState().data === 2);
  expect(seen).toEqual(["invalidate"]); // no resync: nothing mounted was refetched but what changed
  // the principal changed: the stream is opened again as the new user, who may read more, and resyncs
  c.clearUserEntries();
  await until(() => es.opened.length === 4 && es.streams.length === 2);
  expect(es.opened[3]).toBe("/mizan/events");
  await until(() => seen.length === 2);
  expect(seen).toEqual(["invalidate", "resync"]);
});

test("a login or logout reopens the stream at once as the new user, and its resync reads each mounted read once", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = client(es.baseUrl);
  const mine = c.registerContext(todos, { list: 1 });
  const news = c.registerContext({ name: "news", scope: "public" }, {});
  mine.subscribe(() => {});
  news.subscribe(() => {});
  const seen: string[] = [];
  // a reconnect after a failure would wait 5 s here: a change of principal is no failure
  connections.push(connectEvents(c, { reconnectDelay: () => 5_000, onEvent: (e) => seen.push(e.type) }));
  await until(() => es.streams.length === 1 && mine.getState().status === "success" && news.getState().status === "success");
  const reads = (name: string) => es.reads.filter((u) => u.startsWith(`/mizan/ctx/${name}`)).length;
  c.clearUserEntries();
  expect(mine.getState().status).toBe("pending"); // the previous user's data goes at once
  await until(() => es.opened.length === 2, 1_000);
  expect(es.opened[1]).toBe("/mizan/events");
  await until(() => mine.getState().status === "success" && reads("news") === 2);
  // past the 2 s a USER read waits for a resync: nothing is read again
  await new Promise((r) => setTimeout(r, 2_500));
  expect(seen).toEqual(["resync"]);
  expect(reads("todos")).toBe(2);
  expect(reads("news")).toBe(2);
}, 10_000);

/**
 * A server whose stream requests `answer` handles (`n`: how many came before) and whose reads answer
 * how many reads there were, and a client reading its stream, with one USER read mounted and read once.
 */
async function oneUserReadLive(answer: (res: ServerResponse, n: number) => void) {
  const reads: string[] = [];
  let streams = 0;
  const http = createServer((req, res) => {
    if (req.url!.startsWith("/mizan/events")) return answer(res, streams++);
    reads.push(req.url!);
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(reads.length));
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  server = { close: () => new Promise<void>((r) => (http.closeAllConnections(), http.close(() => r()))) } as unknown as TestServer;
  const c = client(`http://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const mine = c.registerContext(todos, { list: 1 });
  mine.subscribe(() => {});
  connections.push(connectEvents(c));
  await until(() => streams === 1 && mine.getState().status === "success");
  return { reads, streams: () => streams, c, mine };
}

test("after a login, a stream that cannot reopen (503) leaves the USER reads waiting 2 s for its resync, then they are read", async () => {
  const { reads, streams, c, mine } = await oneUserReadLive((res, n) => {
    if (n === 0) res.writeHead(200, { "Content-Type": "text/event-stream" }).write(": mizan\n\n");
    else res.writeHead(503, { "Retry-After": "60" }).end();
  });
  const cleared = Date.now();
  c.clearUserEntries();
  await until(() => streams() === 2, 1_000);
  await new Promise((r) => setTimeout(r, 1_500));
  expect(reads).toHaveLength(1);
  expect(mine.getState().status).toBe("pending");
  await until(() => mine.getState().status === "success", 2_000);
  expect(Date.now() - cleared).toBeGreaterThanOrEqual(1_900);
  expect(reads).toHaveLength(2);
  expect(mine.getState().data).toBe(2);
}, 10_000);

test("after a login, with a server that has no events (Mizan's 404), each USER read is read once, at once", async () => {
  const { reads, streams, c, mine } = await oneUserReadLive((res) => {
    res.writeHead(404, { "Content-Type": "application/json", "Mizan-Protocol": "1" }).end('{"error":{"code":"not_found"}}');
  });
  await new Promise((r) => setTimeout(r, 50)); // the stream's 404 is read: the connection gave up
  c.clearUserEntries();
  await until(() => mine.getState().status === "success", 1_000);
  await new Promise((r) => setTimeout(r, 2_500)); // past the wait for a resync, which no stream sends
  expect(reads).toHaveLength(2);
  expect(streams()).toBe(1);
}, 10_000);

test("a reconnect's catch-up that the node never ends with replayed (an older node) resyncs after 10 s", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = client(es.baseUrl);
  const seen: string[] = [];
  connections.push(connectEvents(c, { reconnectDelay: () => 20, onEvent: (e) => seen.push(e.type) }));
  await until(() => es.streams.length === 1);
  es.push("event: replayed\ndata: {}\n\n: 5000\n\n");
  await new Promise((r) => setTimeout(r, 50));
  es.streams.splice(0).forEach((s) => s.destroy());
  await until(() => es.streams.length === 1);
  expect(es.opened).toEqual(["/mizan/events?recent=N", "/mizan/events?since=5000"]);
  const reopened = Date.now();
  await until(() => seen.length === 1, 12_000);
  expect(Date.now() - reopened).toBeGreaterThanOrEqual(9_000);
  expect(seen).toEqual(["resync"]);
}, 20_000);

/**
 * Web Locks as a browser has them, one lock manager for every tab of the test: a `signal` withdraws a
 * request not granted yet (which then rejects with the abort reason), and may not go with `ifAvailable`.
 * `pending()` counts the requests waiting (as `query()` lists them). `refused`: every request rejects with a
 * `SecurityError`, as in a sandboxed iframe without `allow-same-origin` (an opaque origin has no lock manager).
 */
function fakeLocks({ refused = false } = {}) {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const release = (name: string) => {
    held.delete(name);
    waiting.get(name)?.shift()?.();
  };
  const request = (name: string, ...args: unknown[]): Promise<unknown> => {
    const [options, callback] = (args.length === 1 ? [{}, args[0]] : args) as [{ ifAvailable?: boolean; signal?: AbortSignal }, (lock: unknown) => unknown];
    const { signal } = options;
    if (refused) return Promise.reject(new DOMException("The request was denied.", "SecurityError"));
    if (signal && options.ifAvailable) return Promise.reject(new DOMException("signal with ifAvailable", "NotSupportedError"));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (held.has(name) && options.ifAvailable) return Promise.resolve(callback(null));
    const granted = held.has(name)
      ? new Promise<void>((resolve, reject) => {
          const queue = waiting.get(name) ?? [];
          waiting.set(name, queue);
          const grant = () => {
            signal?.removeEventListener("abort", withdraw);
            resolve();
          };
          const withdraw = () => {
            queue.splice(queue.indexOf(grant), 1);
            reject(signal!.reason);
          };
          queue.push(grant);
          signal?.addEventListener("abort", withdraw, { once: true });
        })
      : Promise.resolve();
    return granted.then(async () => {
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        release(name);
      }
    });
  };
  return { request, pending: () => [...waiting.values()].reduce((n, queue) => n + queue.length, 0) };
}

/**
 * An event server, Web Locks as a browser has them, and a first tab (`first`, mounted by `prepare`) holding
 * the browser's stream on `channel`; `shared` collects the events any tab posts to the others. Runs `body`.
 */
async function withLeaderTab(
  body: (setup: { es: Awaited<ReturnType<typeof eventServer>>; channel: string; shared: unknown[]; leading: EventsConnection }) => Promise<void>,
  prepare: (first: MizanClient) => void = () => {},
) {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  vi.stubGlobal("navigator", { locks: fakeLocks() });
  const channel = `catch-up-${Math.random()}`;
  const shared: unknown[] = [];
  const spy = new BroadcastChannel(`${channel}:events`);
  spy.onmessage = ({ data }) => (data as { type?: string }).type === "event" && shared.push(data);
  try {
    const first = client(es.baseUrl, channel);
    prepare(first);
    const leading = connectEvents(first);
    connections.push(leading);
    await until(() => es.streams.length === 1 && leading.leader);
    await body({ es, channel, shared, leading });
  } finally {
    spy.close();
    vi.unstubAllGlobals();
  }
}

test("a login in another tab: the leader reopens the stream, and its resync, shared, reads each tab's USER reads once", async () => {
  await withLeaderTab(async ({ es, channel, shared }) => {
    const second = client(es.baseUrl, channel);
    const theirs = second.registerContext(todos, { list: 2 });
    theirs.subscribe(() => {});
    const following = connectEvents(second, { reconnectDelay: () => 5_000 });
    connections.push(following);
    await until(() => theirs.getState().status === "success" && es.reads.length === 2);
    // what a tab posts after a sessionInit call: both tabs here drop their USER reads
    const kernel = new BroadcastChannel(channel);
    kernel.postMessage({ mizan: 1, csrf: null });
    kernel.close();
    await until(() => es.opened.filter((u) => u === "/mizan/events").length === 1, 1_000);
    await until(() => shared.length === 1 && es.reads.length === 4);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(shared).toEqual([{ mizan: 1, type: "event", event: { type: "resync" } }]);
    expect(es.reads.filter((u) => u.includes("list=1"))).toHaveLength(2);
    expect(es.reads.filter((u) => u.includes("list=2"))).toHaveLength(2);
    expect(theirs.getState().status).toBe("success");
  }, (first) => first.registerContext(todos, { list: 1 }).subscribe(() => {}));
}, 10_000);

test("a login call that invalidates contexts: its resync, shared, reads them once in every tab, the calling tab's too", async () => {
  const news = { name: "news", scope: "public" } as const;
  await withLeaderTab(async ({ es, channel, shared }) => {
    const second = client(es.baseUrl, channel);
    const theirs = second.registerContext(todos, { list: 2 });
    theirs.subscribe(() => {});
    second.registerContext(news, {}).subscribe(() => {});
    connections.push(connectEvents(second, { reconnectDelay: () => 5_000 }));
    await until(() => theirs.getState().status === "success" && es.reads.length === 4);
    await second.call({ name: "login", sessionInit: true }, {});
    await until(() => shared.length === 1 && es.reads.length === 8, 2_000);
    await new Promise((r) => setTimeout(r, 2_500)); // past the wait for a resync
    expect(shared).toEqual([{ mizan: 1, type: "event", event: { type: "resync" } }]);
    const count = (part: string) => es.reads.filter((u) => u.includes(part)).length;
    expect([count("list=1"), count("list=2"), count("/mizan/ctx/news")]).toEqual([2, 2, 4]);
  }, (first) => {
    first.registerContext(todos, { list: 1 }).subscribe(() => {});
    first.registerContext(news, {}).subscribe(() => {});
  });
}, 10_000);

test("a takeover catches up from the clock the leader heard last, which it told the other tabs, and a tab that joins asks for it", async () => {
  await withLeaderTab(async ({ es, channel, leading }) => {
    const second = client(es.baseUrl, channel);
    const two = second.registerContext(todos, { list: 2 });
    two.subscribe(() => {});
    const seen: string[] = [];
    const following = connectEvents(second, { reconnectDelay: () => 20, onEvent: (e) => seen.push(e.type) });
    connections.push(following);
    await until(() => two.getState().data !== undefined && es.opened.length === 2);
    es.streams[1]!.write("event: replayed\ndata: {}\n\n"); // the second tab's own catch-up (it had a read): nothing missed
    await until(() => es.ended.length === 1);
    const before = es.reads.length;
    // the leader's stream caught up, then a heartbeat: the leader tells the other tabs its clock
    es.streams[0]!.write(": mizan 4000\n\nevent: replayed\ndata: {}\n\n: 5000\n\n");
    await new Promise((r) => setTimeout(r, 50));
    leading.close(); // the leader tab goes: the second takes the stream
    await until(() => following.leader && es.opened.length === 3);
    expect(es.opened[2]).toBe("/mizan/events?since=5000");
    es.streams[2]!.write(`event: invalidate\nid: e9\ndata: {"context":"todos","digest":"${sha256('todos|{"list":2}')}"}\n\nevent: replayed\ndata: {}\n\n`);
    await until(() => es.reads.length === before + 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(["invalidate"]); // what changed meanwhile, not a resync

    // a third tab joins after the new leader's last heartbeat: it asks for the clock rather than wait for the next
    es.streams[2]!.write(": 7000\n\n");
    await new Promise((r) => setTimeout(r, 50));
    const third = client(es.baseUrl, channel);
    const thirdSeen: string[] = [];
    const last = connectEvents(third, { onEvent: (e) => thirdSeen.push(e.type) });
    connections.push(last);
    await new Promise((r) => setTimeout(r, 50));
    following.close();
    await until(() => last.leader && es.opened.length === 4);
    expect(es.opened[3]).toBe("/mizan/events?since=7000");
    await new Promise((r) => setTimeout(r, 50));
    expect(thirdSeen).toEqual([]);
  });
});

test("close() during the reconnect wait lets the lock go at once: leader reads false, and a new connection of the tab takes the stream", async () => {
  // the browser's only stream refused (max-streams reached): the leader waits out Retry-After holding the lock
  const es = await scriptedEvents((n, res) => {
    if (n === 1) res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "5" }).end('{"error":{"code":"unavailable"}}');
    else res.writeHead(200, { "Content-Type": "text/event-stream" }).write(": mizan\n\n");
  });
  server = { close: es.close } as unknown as TestServer;
  vi.stubGlobal("navigator", { locks: fakeLocks() });
  try {
    const c = client(es.baseUrl);
    const first = connectEvents(c);
    connections.push(first);
    await until(() => es.opens() === 1 && first.leader);
    await new Promise((r) => setTimeout(r, 50));
    // a user switch: close, then connect again
    first.close();
    expect(first.leader).toBe(false);
    const second = connectEvents(c);
    connections.push(second);
    await until(() => second.leader && es.opens() === 2, 1000);
  } finally {
    vi.unstubAllGlobals();
  }
});

test("a tab waiting for the stream withdraws its lock request when it closes: it never takes the stream", async () => {
  await withLeaderTab(async ({ es, channel, leading }) => {
    const locks = (globalThis.navigator as unknown as { locks: ReturnType<typeof fakeLocks> }).locks;
    const closing = connectEvents(client(es.baseUrl, channel));
    connections.push(closing);
    await until(() => locks.pending() === 1);
    closing.close();
    await until(() => locks.pending() === 0, 500);
    await new Promise((r) => setTimeout(r, 50));
    expect(es.opened).toHaveLength(1); // the withdrawn request's AbortError is no refusal: no stream of its own
    const waiting = connectEvents(client(es.baseUrl, channel));
    connections.push(waiting);
    await until(() => locks.pending() === 1);
    leading.close();
    await until(() => waiting.leader && es.opened.length === 2);
    expect(closing.leader).toBe(false);
  });
});

test("a tab whose Web Locks request is refused (a sandboxed iframe) reads a stream of its own and shares neither its events nor its clock", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  vi.stubGlobal("navigator", { locks: fakeLocks({ refused: true }) });
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  const channel = `refused-${Math.random()}`;
  const shared: unknown[] = [];
  const spy = new BroadcastChannel(`${channel}:events`);
  spy.onmessage = ({ data }) => ["event", "clock"].includes((data as { type?: string }).type!) && shared.push(data);
  try {
    const c = client(es.baseUrl, channel);
    const one = c.registerContext(todos, { list: 1 });
    one.subscribe(() => {});
    const seen: string[] = [];
    const connection = connectEvents(c, { onEvent: (e) => seen.push(e.type) });
    connections.push(connection);
    await until(() => es.streams.length === 1 && connection.leader && one.getState().data === 1);
    // caught up, then a heartbeat: an elected leader would tell the other tabs this clock
    es.push("event: replayed\ndata: {}\n\n: 5000\n\n");
    es.push(`event: invalidate\nid: e1\ndata: {"context":"todos"}\n\n`);
    await until(() => one.getState().data === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(["invalidate"]);
    expect(shared).toEqual([]);
    connection.close();
    await until(() => es.ended.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(es.opened).toHaveLength(1);
    expect(unhandled).toEqual([]);
  } finally {
    spy.close();
    process.off("unhandledRejection", onUnhandled);
    vi.unstubAllGlobals();
  }
});

test("a takeover from a leader that knew no clock yet (its stream not caught up) resyncs", async () => {
  await withLeaderTab(async ({ es, channel, leading }) => {
    const second = client(es.baseUrl, channel);
    const seen: string[] = [];
    const following = connectEvents(second, { onEvent: (e) => seen.push(e.type) });
    connections.push(following);
    await new Promise((r) => setTimeout(r, 50));
    leading.close();
    await until(() => following.leader && es.opened.length === 2);
    expect(es.opened[1]).toBe("/mizan/events");
    await until(() => seen.length === 1);
    expect(seen).toEqual(["resync"]);
  });
});

test("a second tab seeded by a server-rendered page catches up with a request of its own, keeps its events to itself and ends it once caught up", async () => {
  await withLeaderTab(async ({ es, channel, shared }) => {
    const second = client(es.baseUrl, channel);
    second.hydrate({ contexts: { 'todos|{"list":2}': { data: "rendered", updatedAt: 1 } }, readAt: 42 });
    const two = second.registerContext(todos, { list: 2 });
    two.subscribe(() => {});
    const following = connectEvents(second);
    connections.push(following);
    await until(() => es.streams.length === 2);
    expect(following.leader).toBe(false);
    expect(es.opened).toEqual(["/mizan/events?recent=N", "/mizan/events?since=42"]);
    es.streams[1]!.write(`event: invalidate\nid: e7\ndata: {"context":"todos","digest":"${sha256('todos|{"list":2}')}"}\n\nevent: replayed\ndata: {}\n\n`);
    await until(() => two.getState().data === 1);
    await until(() => es.ended.includes("/mizan/events?since=42"));
    await new Promise((r) => setTimeout(r, 50));
    expect(es.ended).toEqual(["/mizan/events?since=42"]); // the leader's stream stays
    expect(shared).toEqual([]); // the other tabs heard it live
  });
});

test("a second tab not server-rendered, with reads registered before it connected, catches up with recent on a request of its own", async () => {
  await withLeaderTab(async ({ es, channel, shared }) => {
    const second = client(es.baseUrl, channel);
    const two = second.registerContext(todos, { list: 2 });
    two.subscribe(() => {});
    await until(() => two.getState().data === 1);
    connections.push(connectEvents(second));
    await until(() => es.streams.length === 2);
    expect(es.opened).toEqual(["/mizan/events?recent=N", "/mizan/events?recent=N"]);
    es.streams[1]!.write(`event: invalidate\nid: e8\ndata: {"context":"todos","digest":"${sha256('todos|{"list":2}')}"}\n\nevent: replayed\ndata: {}\n\n`);
    await until(() => two.getState().data === 2);
    await until(() => es.ended.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(es.ended).toEqual(["/mizan/events?recent=N"]); // its own request; the leader's stream stays
    expect(shared).toEqual([]); // the other tabs heard it live
  });
});

test("a second tab's catch-up request to a server that never says replayed (an older node) ends after 10 s", async () => {
  await withLeaderTab(async ({ es, channel }) => {
    const second = client(es.baseUrl, channel);
    second.hydrate({ contexts: {}, readAt: 42 });
    connections.push(connectEvents(second));
    await until(() => es.streams.length === 2);
    const opened = Date.now();
    await until(() => es.ended.includes("/mizan/events?since=42"), 12_000);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(9_000);
    expect(es.ended).toEqual(["/mizan/events?since=42"]);
  });
}, 20_000);

test("a client seeded by a server-rendered page whose catch-up is a resync refetches every mounted read, and ignores replayed", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  const c = client(es.baseUrl);
  c.hydrate({ contexts: { 'todos|{"list":1}': { data: "rendered", updatedAt: 1 }, 'todos|{"list":2}': { data: "rendered", updatedAt: 1 } }, readAt: 7 });
  const one = c.registerContext(todos, { list: 1 });
  const two = c.registerContext(todos, { list: 2 });
  one.subscribe(() => {});
  two.subscribe(() => {});
  const seen: string[] = [];
  connections.push(connectEvents(c, { onEvent: (e) => seen.push(e.type) }));
  await until(() => es.streams.length === 1);
  expect(es.opened).toEqual(["/mizan/events?since=7"]);
  // the server can no longer tell what changed since the render
  es.push("event: resync\ndata: {}\n\nevent: replayed\ndata: {}\n\n");
  await until(() => es.reads.length === 2);
  expect(es.reads.map((u) => u.replace(/&_mz=.*/, "")).sort()).toEqual(["/mizan/ctx/todos?list=1", "/mizan/ctx/todos?list=2"]); // (past the cache-buster)
  await new Promise((r) => setTimeout(r, 50));
  expect(seen).toEqual(["resync"]);
  expect(es.ended).toEqual([]); // the leader's stream goes on live after replayed
});

test("a second tab whose catch-up is a resync refetches its own mounted reads, not the other tab's, and tells no one", async () => {
  await withLeaderTab(async ({ es, channel, shared }) => {
    await until(() => es.reads.length === 1);
    const second = client(es.baseUrl, channel);
    second.hydrate({ contexts: { 'todos|{"list":2}': { data: "rendered", updatedAt: 1 } }, readAt: 42 });
    second.registerContext(todos, { list: 2 }).subscribe(() => {});
    const seen: string[] = [];
    connections.push(connectEvents(second, { onEvent: (e) => seen.push(e.type) }));
    await until(() => es.streams.length === 2);
    expect(es.opened).toEqual(["/mizan/events?recent=N", "/mizan/events?since=42"]);
    es.streams[1]!.write("event: resync\ndata: {}\n\nevent: replayed\ndata: {}\n\n");
    await until(() => es.ended.includes("/mizan/events?since=42") && es.reads.length === 2);
    // a third tab, not server-rendered and with no reads yet, has nothing to catch up on: no request of its own
    connections.push(connectEvents(client(es.baseUrl, channel)));
    await new Promise((r) => setTimeout(r, 100));
    expect(es.reads.map((u) => u.replace(/&_mz=.*/, ""))).toEqual(["/mizan/ctx/todos?list=1", "/mizan/ctx/todos?list=2"]);
    expect(seen).toEqual(["resync"]);
    expect(shared).toEqual([]);
    expect(es.opened).toEqual(["/mizan/events?recent=N", "/mizan/events?since=42"]);
    expect(es.ended).toEqual(["/mizan/events?since=42"]);
  }, (first) => first.registerContext(todos, { list: 1 }).subscribe(() => {}));
});

test("a second tab's catch-up request is sent as the stream's: with its Authorization, credentials and no cache", async () => {
  const es = await eventServer();
  server = { close: es.close } as unknown as TestServer;
  vi.stubGlobal("navigator", { locks: fakeLocks() });
  try {
    const channel = `catch-up-${Math.random()}`;
    const sent: [string, RequestInit | undefined][] = [];
    const tab = (token: string) => {
      const c = createClient({
        baseUrl: es.baseUrl,
        auth: "token",
        getToken: () => token,
        channel,
        document: null,
        fetch: (input, init) => (sent.push([String(input).slice(es.baseUrl.length), init]), fetch(input, init)),
      });
      clients.push(c);
      return c;
    };
    const leading = connectEvents(tab("one"));
    connections.push(leading);
    await until(() => es.streams.length === 1 && leading.leader);
    const second = tab("two");
    second.hydrate({ contexts: {}, readAt: 42 });
    connections.push(connectEvents(second));
    await until(() => es.streams.length === 2);
    const [[firstUrl, stream], [url, catchUp]] = sent as [[string, RequestInit], [string, RequestInit]];
    expect([firstUrl.replace(/recent=\d+/, "recent=N"), url]).toEqual(["/mizan/events?recent=N", "/mizan/events?since=42"]);
    expect(catchUp.headers).toEqual({ Accept: "text/event-stream", Authorization: "Bearer two" });
    expect(stream.headers).toEqual({ Accept: "text/event-stream", Authorization: "Bearer one" });
    expect([catchUp.credentials, catchUp.cache]).toEqual([stream.credentials, stream.cache]);
    expect(catchUp.signal).toBeInstanceOf(AbortSignal);
  } finally {
    vi.unstubAllGlobals();
  }
});

test("a second tab's catch-up answered by Mizan's 404, a 503 or no stream is given up on: never retried, nothing acted on", async () => {
  const answers: [number, Record<string, string>][] = [
    [404, { "Content-Type": "application/json", "Mizan-Protocol": "1" }],
    [503, { "Content-Type": "application/json", "Retry-After": "1" }],
    [200, { "Content-Type": "text/html" }],
  ];
  for (const [status, headers] of answers) {
    const es = await scriptedEvents((n, res) => {
      if (n === 1) res.writeHead(200, { "Content-Type": "text/event-stream" }).write(": mizan\n\n");
      else res.writeHead(status, headers).end("{}");
    });
    server = { close: es.close } as unknown as TestServer;
    vi.stubGlobal("navigator", { locks: fakeLocks() });
    try {
      const channel = `catch-up-${Math.random()}`;
      const leading = connectEvents(client(es.baseUrl, channel));
      connections.push(leading);
      await until(() => es.opens() === 1 && leading.leader);
      const second = client(es.baseUrl, channel);
      second.hydrate({ contexts: {}, readAt: 42 });
      const seen: string[] = [];
      const following = connectEvents(second, { reconnectDelay: () => 10, onEvent: (e) => seen.push(e.type) });
      connections.push(following);
      await until(() => es.opens() === 2);
      await new Promise((r) => setTimeout(r, status === 503 ? 1200 : 200));
      expect(es.opens(), `${status}`).toBe(2);
      expect(seen, `${status}`).toEqual([]);
      expect([leading.leader, following.leader]).toEqual([true, false]);
    } finally {
      vi.unstubAllGlobals();
      for (const c of connections.splice(0)) c.close();
      await es.close();
    }
  }
});
