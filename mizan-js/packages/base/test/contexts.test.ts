import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createClient, type MizanClient, MizanError, type ContextDescriptor, type ContextState } from "../src/index.js";
import { deferred, error, startServer, until, type Recorded, type TestServer } from "./support/server.js";

let server: TestServer;
let client: MizanClient;
const fetchInits: RequestInit[] = [];

const todos: ContextDescriptor<{ list: number }, string[]> = { name: "todos", scope: "user", paramTypes: { list: "integer" } };

function newClient(options: { gcTime?: number } = {}) {
  return createClient({
    baseUrl: server.baseUrl,
    channel: false,
    document: null,
    retryDelay: () => 5,
    gcTime: options.gcTime ?? 60_000,
    fetch: (input, init) => {
      fetchInits.push(init ?? {});
      return fetch(input, init);
    },
  });
}

/** Records every state a handle goes through. */
function track<R>(handle: { getState(): ContextState<R>; subscribe(l: () => void): () => void }) {
  const states: ContextState<R>[] = [handle.getState()];
  const unsubscribe = handle.subscribe(() => states.push(handle.getState()));
  return { states, unsubscribe };
}

beforeEach(async () => {
  server = await startServer((r) => ({ body: [`item of ${r.query.get("list")}`] }));
  client = newClient();
  fetchInits.length = 0;
});
afterEach(async () => {
  client.close();
  await server.close();
});

describe("state transitions", () => {
  test("pending → fetching → success in TanStack v5 words, nothing fetched before the first subscriber", async () => {
    const handle = client.registerContext(todos, { list: 3 });
    expect(handle.getState()).toMatchObject({ status: "pending", isPending: true, isSuccess: false, isError: false, data: undefined, error: null, isFetching: false, dataUpdatedAt: 0 });
    expect(server.requests).toHaveLength(0);
    const { states } = track(handle);
    await until(() => handle.getState().status === "success");
    expect(states.map((s) => [s.status, s.isFetching])).toEqual([
      ["pending", false],
      ["pending", true],
      ["success", false],
    ]);
    expect(handle.getState().data).toEqual(["item of 3"]);
    expect(handle.getState()).toMatchObject({ isPending: false, isSuccess: true, isError: false, error: null });
    expect(handle.getState().dataUpdatedAt).toBeGreaterThan(0);
    expect(server.requests.map((r) => r.url)).toEqual(["/mizan/ctx/todos?list=3"]);
  });

  test("pending → error on a 4xx, with the server's error", async () => {
    server.handle(() => error("forbidden", 403));
    const handle = client.registerContext(todos, { list: 3 });
    track(handle);
    await until(() => handle.getState().status === "error");
    const err = handle.getState().error as MizanError;
    expect(err).toBeInstanceOf(MizanError);
    expect([err.status, err.code]).toEqual([403, "forbidden"]);
    expect(handle.getState().isFetching).toBe(false);
  });

  test("refetch keeps the old data while fetching (stale-while-revalidate)", async () => {
    let n = 0;
    const gate = deferred();
    server.handle(async () => {
      n++;
      if (n === 2) await gate.promise;
      return { body: n };
    });
    const handle = client.registerContext("counter");
    const { states } = track(handle);
    await until(() => handle.getState().status === "success");
    const refetched = handle.refetch();
    await until(() => server.requests.length === 2);
    expect(handle.getState()).toMatchObject({ status: "success", data: 1, isFetching: true });
    gate.resolve();
    await refetched;
    expect(states.map((s) => [s.status, s.data, s.isFetching])).toEqual([
      ["pending", undefined, false],
      ["pending", undefined, true],
      ["success", 1, false],
      ["success", 1, true],
      ["success", 2, false],
    ]);
  });

  test("success → error on a failed refetch keeps the data; error → success on the next", async () => {
    let fail = false;
    server.handle(() => (fail ? error("bad_request", 400) : { body: "ok" }));
    const handle = client.registerContext("thing");
    track(handle);
    await until(() => handle.getState().status === "success");
    fail = true;
    await handle.refetch();
    expect(handle.getState()).toMatchObject({ status: "error", isError: true, isSuccess: false, data: "ok", isFetching: false });
    fail = false;
    await handle.refetch();
    expect(handle.getState()).toMatchObject({ status: "success", data: "ok", error: null });
  });

  test("a new subscriber after an error fetches again", async () => {
    let fail = true;
    server.handle(() => (fail ? error("bad_request", 400) : { body: "ok" }));
    const handle = client.registerContext("thing");
    const first = track(handle);
    await until(() => handle.getState().status === "error");
    first.unsubscribe();
    fail = false;
    track(handle);
    await until(() => handle.getState().status === "success");
    expect(server.requests).toHaveLength(2);
  });

  test("getState returns the same object until something changes", async () => {
    const handle = client.registerContext(todos, { list: 1 });
    expect(handle.getState()).toBe(handle.getState());
    track(handle);
    await until(() => handle.getState().status === "success");
    expect(handle.getState()).toBe(handle.getState());
  });
});

describe("one request per stableKey", () => {
  test("two subscribers of equal reads cause one request", async () => {
    const gate = deferred();
    server.handle(async () => {
      await gate.promise;
      return { body: "x" };
    });
    const a = client.registerContext(todos, { list: 7 });
    const b = client.registerContext(todos, { list: 7 });
    expect(a.key).toBe(b.key);
    track(a);
    track(b);
    await until(() => server.requests.length === 1);
    gate.resolve();
    await until(() => a.getState().status === "success" && b.getState().status === "success");
    await a.refetch(); // a finished read is not joined: this one goes out
    expect(server.requests).toHaveLength(2);
  });

  test("a read invalidated while unsubscribed during its fetch reads again once subscribed, when that fetch ends", async () => {
    const gate = deferred();
    let reads = 0;
    server.handle(async () => {
      if (++reads === 1) await gate.promise;
      return { body: [`read ${reads}`] };
    });
    const handle = client.registerContext(todos, { list: 1 });
    const first = handle.refetch(); // no subscriber yet: a prefetch, say
    await until(() => server.requests.length === 1);
    client.invalidate([{ context: "todos" }]); // a change after that read began
    track(handle);
    gate.resolve();
    await first;
    await until(() => handle.getState().data?.[0] === "read 2");
    expect(server.requests).toHaveLength(2);
  });

  test("a refetch during a fetch joins it", async () => {
    const gate = deferred();
    server.handle(async () => {
      await gate.promise;
      return { body: "x" };
    });
    const handle = client.registerContext("slow");
    track(handle);
    const joined = handle.refetch();
    await until(() => server.requests.length === 1);
    gate.resolve();
    await joined;
    expect(server.requests).toHaveLength(1);
  });

  test("different params are different entries", async () => {
    const a = client.registerContext(todos, { list: 1 });
    const b = client.registerContext(todos, { list: 2 });
    track(a);
    track(b);
    await until(() => server.requests.length === 2);
    expect(server.requests.map((r) => r.url).sort()).toEqual(["/mizan/ctx/todos?list=1", "/mizan/ctx/todos?list=2"]);
  });
});

describe("garbage collection", () => {
  test("an entry is collected gcTime after its last subscriber leaves, not before", async () => {
    client.close();
    client = newClient({ gcTime: 200 });
    const handle = client.registerContext(todos, { list: 3 });
    const a = track(handle);
    const b = track(handle);
    await until(() => handle.getState().status === "success");
    a.unsubscribe();
    await new Promise((r) => setTimeout(r, 300));
    expect(client.size).toBe(1); // b still subscribed
    b.unsubscribe();
    await new Promise((r) => setTimeout(r, 100));
    expect(client.size).toBe(1); // half of gcTime later
    await until(() => client.size === 0);
    // registering again starts from scratch and fetches again
    const again = client.registerContext(todos, { list: 3 });
    expect(again.getState()).toMatchObject({ status: "pending", isFetching: false });
    track(again);
    await until(() => again.getState().status === "success");
    expect(server.requests).toHaveLength(2);
  });

  test("re-subscribing within gcTime keeps the entry and its data (no refetch)", async () => {
    client.close();
    client = newClient({ gcTime: 200 });
    const handle = client.registerContext(todos, { list: 3 });
    const a = track(handle);
    await until(() => handle.getState().status === "success");
    a.unsubscribe();
    await new Promise((r) => setTimeout(r, 100)); // half of gcTime
    track(handle);
    await new Promise((r) => setTimeout(r, 300));
    expect(client.size).toBe(1);
    expect(handle.getState().status).toBe("success");
    expect(server.requests).toHaveLength(1);
  });

  test("an entry is not collected while its fetch is in flight", async () => {
    client.close();
    client = newClient({ gcTime: 0 });
    const gate = deferred();
    server.handle(async (r) => {
      await gate.promise;
      return { body: [`item of ${r.query.get("list")}`] };
    });
    const handle = client.registerContext(todos, { list: 3 });
    const done = handle.refetch();
    await until(() => server.requests.length === 1);
    await new Promise((r) => setTimeout(r, 30)); // several gc periods pass during the fetch
    expect(client.size).toBe(1);
    gate.resolve();
    await done;
    expect(handle.getState()).toMatchObject({ status: "success", data: ["item of 3"] });
    await until(() => client.size === 0); // collected once the fetch is over
  });

  test("unregister drops the handle's subscriptions", async () => {
    client.close();
    client = newClient({ gcTime: 30 });
    const handle = client.registerContext(todos, { list: 3 });
    handle.subscribe(() => {});
    handle.subscribe(() => {});
    await until(() => handle.getState().status === "success");
    handle.unregister();
    await until(() => client.size === 0);
  });
});

describe("retries", () => {
  test("a 5xx is retried twice, then the error is kept", async () => {
    server.handle(() => error("unavailable", 503));
    const handle = client.registerContext("flaky");
    track(handle);
    await until(() => handle.getState().status === "error");
    expect(server.requests).toHaveLength(3);
    expect((handle.getState().error as MizanError).status).toBe(503);
  });

  test("a 5xx then a 200 succeeds on the retry", async () => {
    let n = 0;
    server.handle(() => (++n < 3 ? error("internal", 500) : { body: "finally" }));
    const handle = client.registerContext("flaky");
    const { states } = track(handle);
    await until(() => handle.getState().status === "success");
    expect(server.requests).toHaveLength(3);
    expect(states.map((s) => [s.status, s.isFetching])).toEqual([["pending", false], ["pending", true], ["success", false]]);
  });

  test("a 4xx is never retried", async () => {
    server.handle(() => error("invalid_params", 400, { list: ["must be a number"] }));
    const handle = client.registerContext("strict");
    track(handle);
    await until(() => handle.getState().status === "error");
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests).toHaveLength(1);
    expect((handle.getState().error as MizanError).fields).toEqual({ list: ["must be a number"] });
  });

  test("a 200 whose body is not JSON is not retried", async () => {
    server.handle(() => ({ body: "<html>proxy</html>", raw: true }));
    const handle = client.registerContext("html");
    track(handle);
    await until(() => handle.getState().status === "error");
    expect((handle.getState().error as MizanError).code).toBe("bad_response");
    expect(server.requests).toHaveLength(1);
  });

  test("a read that gets no answer, or whose body stalls, fails after readTimeout as a network error and is retried: invalidations and refetch() no longer wait on it", async () => {
    let n = 0;
    server.handle(() => {
      n++;
      if (n === 2) return new Promise<never>(() => {}); // never answered (a half-open connection, a proxy holding it)
      if (n === 3) return { body: ["never ends"], stall: true };
      return { body: [`read ${n}`] };
    });
    const timed = createClient({ baseUrl: server.baseUrl, channel: false, document: null, retryDelay: () => 5, readTimeout: 150 });
    try {
      const handle = timed.registerContext(todos, { list: 1 });
      track(handle);
      await until(() => handle.getState().data?.[0] === "read 1");
      const started = Date.now();
      const refetching = handle.refetch();
      await until(() => server.requests.length === 2);
      timed.invalidate([{ context: "todos" }]); // waits for the fetch in flight, then reads again
      await refetching;
      expect(Date.now() - started).toBeGreaterThanOrEqual(290); // two attempts given up, 150 ms each
      expect(handle.getState().data).toEqual(["read 4"]);
      await until(() => server.requests.length === 5 && !handle.getState().isFetching);
      expect(handle.getState().data).toEqual(["read 5"]);
    } finally {
      timed.close();
    }
  });

  test("a read none of whose 3 attempts is answered within readTimeout ends in a network error, no longer fetching", async () => {
    server.handle(() => new Promise<never>(() => {}));
    const timed = createClient({ baseUrl: server.baseUrl, channel: false, document: null, retryDelay: () => 5, readTimeout: 50 });
    try {
      const handle = timed.registerContext("silent");
      track(handle);
      await until(() => handle.getState().status === "error");
      expect(server.requests).toHaveLength(3);
      expect((handle.getState().error as MizanError).code).toBe("network");
      expect(handle.getState().isFetching).toBe(false);
    } finally {
      timed.close();
    }
  });

  test("readTimeout 0 or Infinity never gives up on a read", async () => {
    server.handle(async () => {
      await new Promise((r) => setTimeout(r, 100));
      return { body: ["slow"] };
    });
    for (const readTimeout of [0, Infinity]) {
      const patient = createClient({ baseUrl: server.baseUrl, channel: false, document: null, retryDelay: () => 5, readTimeout });
      try {
        const handle = patient.registerContext(todos, { list: 1 });
        track(handle);
        await until(() => !handle.getState().isFetching && handle.getState().status !== "pending");
        expect(handle.getState().data, `${readTimeout}`).toEqual(["slow"]);
      } finally {
        patient.close();
      }
    }
    expect(server.requests).toHaveLength(2);
  });

  test("a readTimeout that is no whole number of ms (1500.5) is kept as the next one up: the read is answered, not failed", async () => {
    // Node's AbortSignal.timeout takes whole milliseconds only (a browser rounds down): 1500.5 threw there
    server.handle(() => ({ body: ["answered"] }));
    const timed = createClient({ baseUrl: server.baseUrl, channel: false, document: null, retryDelay: () => 5, readTimeout: 1500.5 });
    try {
      const handle = timed.registerContext(todos, { list: 1 });
      track(handle);
      await until(() => handle.getState().status !== "pending" && !handle.getState().isFetching);
      expect(handle.getState().data).toEqual(["answered"]);
      expect(server.requests).toHaveLength(1);
    } finally {
      timed.close();
    }
  });

  test("network errors are retried twice", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    let attempts = 0;
    const offline = createClient({
      baseUrl: dead,
      channel: false,
      document: null,
      retryDelay: () => 5,
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    });
    const handle = offline.registerContext("x");
    track(handle);
    await until(() => handle.getState().status === "error");
    expect(attempts).toBe(3);
    expect((handle.getState().error as MizanError).code).toBe("network");
    offline.close();
  });
});

describe("invalidation", () => {
  test("refetches with _mz and cache: no-cache, then keeps the buster", async () => {
    const handle = client.registerContext(todos, { list: 3 });
    track(handle);
    await until(() => handle.getState().status === "success");
    client.invalidate([{ context: "todos", params: { list: 3 } }]);
    await until(() => server.requests.length === 2 && !handle.getState().isFetching);
    expect(server.requests[1]!.url).toMatch(/^\/mizan\/ctx\/todos\?list=3&_mz=\d+\.[0-9a-z]+$/);
    expect(fetchInits.map((i) => i.cache)).toEqual([undefined, "no-cache"]);
    await handle.refetch();
    expect(server.requests[2]!.url).toBe(server.requests[1]!.url);
    expect(fetchInits[2]!.cache).toBeUndefined();
  });

  test("the buster is new for each invalidation and never repeats across page loads (a CDN may hold an earlier one's copy)", async () => {
    const busters: string[] = [];
    for (const page of [client, newClient(), newClient()]) {
      const handle = page.registerContext(todos, { list: 3 });
      const { unsubscribe } = track(handle);
      await until(() => handle.getState().status === "success");
      for (let n = 0; n < 2; n++) {
        const before = server.requests.length;
        page.invalidate([{ context: "todos" }]);
        await until(() => server.requests.length === before + 1 && !handle.getState().isFetching);
        busters.push(server.requests.at(-1)!.query.get("_mz")!);
      }
      unsubscribe();
      if (page !== client) page.close();
    }
    expect(busters.every((b) => /^[0-9a-z.]+$/.test(b))).toBe(true);
    expect(new Set(busters).size).toBe(busters.length);
  });

  test("is param-filtered: only reads whose params hold the same values", async () => {
    const one = client.registerContext(todos, { list: 1 });
    const two = client.registerContext(todos, { list: 2 });
    const other = client.registerContext("catalog");
    for (const h of [one, two, other]) track(h);
    await until(() => server.requests.length === 3 && [one, two, other].every((h) => h.getState().status === "success"));
    client.invalidate([{ context: "todos", params: { list: 2 } }]);
    await until(() => server.requests.length === 4);
    await new Promise((r) => setTimeout(r, 30));
    expect(server.requests.slice(3).map((r) => r.path + "?" + r.query.get("list"))).toEqual(["/mizan/ctx/todos?2"]);
    client.invalidate([{ context: "todos" }]);
    await until(() => server.requests.length === 6);
  });

  test("matches params of several names and big integers exactly", async () => {
    const big = 12345678901234567890n;
    const d: ContextDescriptor = { name: "order", paramTypes: { id: "integer", shop: "string" } };
    const h = client.registerContext(d, { id: big, shop: "x" });
    const near = client.registerContext(d, { id: big + 1n, shop: "x" });
    track(h);
    track(near);
    await until(() => server.requests.length === 2 && !h.getState().isFetching && !near.getState().isFetching);
    expect(server.requests.some((r) => r.url === "/mizan/ctx/order?id=12345678901234567890&shop=x")).toBe(true);
    // As a server would send it: the big integer as a plain JSON number.
    client.invalidate([{ context: "order", params: { id: big, shop: "x" } }]);
    await until(() => server.requests.length === 3);
    await new Promise((r) => setTimeout(r, 30));
    expect(server.requests[2]!.query.get("id")).toBe("12345678901234567890");
  });

  test("an invalidation during a fetch triggers another fetch after it", async () => {
    let n = 0;
    const gate = deferred();
    server.handle(async () => {
      n++;
      if (n === 2) await gate.promise;
      return { body: n };
    });
    const handle = client.registerContext("live");
    const { states } = track(handle);
    await until(() => handle.getState().status === "success");
    await Promise.resolve();
    const refetch = handle.refetch();
    await until(() => server.requests.length === 2);
    client.invalidate([{ context: "live" }]);
    expect(server.requests).toHaveLength(2); // no second request while one is in flight
    gate.resolve();
    await refetch;
    await until(() => server.requests.length === 3 && !handle.getState().isFetching);
    expect(handle.getState().data).toBe(3);
    expect(states.map((s) => s.data).at(-1)).toBe(3);
    expect(server.requests[2]!.query.get("_mz")).not.toBeNull();
  });

  test("an unsubscribed entry is not fetched but refetches on its next subscriber", async () => {
    const handle = client.registerContext("quiet");
    const first = track(handle);
    await until(() => handle.getState().status === "success");
    first.unsubscribe();
    client.invalidate([{ context: "quiet" }]);
    await new Promise((r) => setTimeout(r, 30));
    expect(server.requests).toHaveLength(1);
    track(handle);
    expect(handle.getState()).toMatchObject({ status: "success", isFetching: true }); // old data shown
    await until(() => server.requests.length === 2);
    expect(fetchInits[1]!.cache).toBe("no-cache");
  });
});

describe("clearing USER entries (login, logout)", () => {
  test("drops USER data, refetches subscribed entries and keeps PUBLIC ones", async () => {
    const user = client.registerContext(todos, { list: 1 });
    const pub = client.registerContext({ name: "catalog", scope: "public" });
    track(user);
    track(pub);
    await until(() => user.getState().status === "success" && pub.getState().status === "success");
    const publicState = pub.getState();
    client.clearUserEntries();
    expect(user.getState()).toMatchObject({ status: "pending", data: undefined, isFetching: true });
    expect(pub.getState()).toBe(publicState);
    await until(() => user.getState().status === "success");
    expect(server.to("/mizan/ctx/todos")).toHaveLength(2);
    expect(server.to("/mizan/ctx/catalog")).toHaveLength(1);
  });

  test("a response that began before the clear is dropped (out of order)", async () => {
    const old = deferred();
    let n = 0;
    server.handle(async (r: Recorded) => {
      n++;
      if (n === 1) {
        await old.promise;
        return { body: "alice's" };
      }
      return { body: `bob's ${r.path}` };
    });
    const handle = client.registerContext(todos, { list: 1 });
    const { states } = track(handle);
    await until(() => server.requests.length === 1);
    client.clearUserEntries();
    await until(() => handle.getState().status === "success");
    expect(handle.getState().data).toBe("bob's /mizan/ctx/todos");
    old.resolve();
    await new Promise((r) => setTimeout(r, 50));
    expect(handle.getState().data).toBe("bob's /mizan/ctx/todos");
    expect(states.some((s) => (s.data as unknown) === "alice's")).toBe(false);
  });
});

async function freePort(): Promise<number> {
  const s = await startServer();
  const port = Number(new URL(s.baseUrl).port);
  await s.close();
  return port;
}
