import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createClient, type MizanClient, MizanError, type FunctionDescriptor, type MizanConfig } from "../src/index.js";
import { createMutation } from "../src/mutation.js";
import { deferred, error, startServer, until, type Handler, type Recorded, type TestServer } from "./support/server.js";

let server: TestServer;
const clients: MizanClient[] = [];

function newClient(config: Partial<MizanConfig> = {}) {
  const client = createClient({ baseUrl: server.baseUrl, channel: false, document: null, retryDelay: () => 5, ...config });
  clients.push(client);
  return client;
}

/** A server with /session, a counter context and a few functions. */
function app(overrides: Partial<Record<string, Handler>> = {}): Handler {
  let sessions = 0;
  return (r: Recorded) => {
    const override = overrides[r.path];
    if (override) return override(r);
    if (r.path === "/mizan/session") return { body: { csrfToken: `token-${++sessions}`, user: null } };
    if (r.path.startsWith("/mizan/ctx/")) return { body: `${r.path} #${server.requests.length}` };
    if (r.path === "/mizan/call/addTodo") {
      const args = JSON.parse(r.body) as { list: number };
      return { body: { result: { id: 1 }, invalidate: [{ context: "todos", params: { list: args.list } }] } };
    }
    return error("unknown_function", 404);
  };
}

beforeEach(async () => {
  server = await startServer();
  server.handle(app());
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

const addTodo: FunctionDescriptor<{ list: number; title: string }, { id: number }> = { name: "addTodo" };

test("a call whose 200 body is not JSON rejects with bad_response, and still ends for live updates", async () => {
  server.handle(app({ "/mizan/call/broken": () => ({ headers: { "Content-Type": "application/json" }, body: "{not json", raw: true }) }));
  const c = newClient();
  const phases: string[] = [];
  c.live.onCall = (phase) => void phases.push(phase);
  const failure = await c.call("broken", {}).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(MizanError);
  expect(failure).toMatchObject({ code: "bad_response", status: 200 });
  expect(phases).toEqual(["start", "end"]);
});

describe("session auth", () => {
  test("GET /session once before the first call; its token goes in Mizan-CSRF on every call", async () => {
    const client = newClient();
    await Promise.all([client.call(addTodo, { list: 1, title: "a" }), client.call(addTodo, { list: 1, title: "b" })]);
    await client.call(addTodo, { list: 2, title: "c" });
    expect(server.to("/mizan/session")).toHaveLength(1);
    const calls = server.to("/mizan/call/");
    expect(calls).toHaveLength(3);
    for (const c of calls) {
      expect(c.method).toBe("POST");
      expect(c.headers["mizan-csrf"]).toBe("token-1");
      expect(c.headers["content-type"]).toBe("application/json");
      expect(c.headers.authorization).toBeUndefined();
    }
    expect(JSON.parse(calls[2]!.body)).toEqual({ list: 2, title: "c" });
  });

  test("reads never need the session", async () => {
    const client = newClient();
    const h = client.registerContext("catalog");
    h.subscribe(() => {});
    await until(() => h.getState().status === "success");
    expect(server.to("/mizan/session")).toHaveLength(0);
  });

  test("/session is tried 3 times, then reset so the next call starts over", async () => {
    let down = true;
    server.handle(app({ "/mizan/session": () => (down ? error("unavailable", 503) : { body: { csrfToken: "t", user: null } }) }));
    const client = newClient();
    await expect(client.call(addTodo, { list: 1, title: "a" })).rejects.toMatchObject({ status: 503 });
    expect(server.to("/mizan/session")).toHaveLength(3);
    expect(server.to("/mizan/call/")).toHaveLength(0);
    down = false;
    await client.call(addTodo, { list: 1, title: "a" });
    expect(server.to("/mizan/session")).toHaveLength(4);
    expect(server.to("/mizan/call/")[0]!.headers["mizan-csrf"]).toBe("t");
  });

  test("a 403 csrf is retried once with a fresh token from /session", async () => {
    let refused = 0;
    server.handle(
      app({
        "/mizan/call/addTodo": (r) => {
          if (r.headers["mizan-csrf"] === "token-1") {
            refused++;
            return error("csrf", 403);
          }
          return { body: { result: { id: 9 }, invalidate: [] } };
        },
      }),
    );
    const client = newClient();
    expect(await client.call(addTodo, { list: 1, title: "a" })).toEqual({ id: 9 });
    expect(refused).toBe(1);
    expect(server.to("/mizan/session")).toHaveLength(2);
    expect(server.to("/mizan/call/").map((r) => r.headers["mizan-csrf"])).toEqual(["token-1", "token-2"]);
  });

  test("a second 403 csrf is not retried again; another 403 is not retried at all", async () => {
    server.handle(app({ "/mizan/call/addTodo": () => error("csrf", 403), "/mizan/call/admin": () => error("forbidden", 403) }));
    const client = newClient();
    await expect(client.call(addTodo, { list: 1, title: "a" })).rejects.toMatchObject({ code: "csrf" });
    expect(server.to("/mizan/call/")).toHaveLength(2);
    await expect(client.call("admin", {})).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(server.to("/mizan/call/admin")).toHaveLength(1);
  });

  test("a 403 csrf is not sent again when /session now names another user: the call fails and the tab's USER reads are cleared", async () => {
    const users = ["alice", "bob"];
    let reads = 0;
    server.handle(
      app({
        "/mizan/session": () => ({ body: { csrfToken: `token-${users.length}`, user: users.shift() } }),
        "/mizan/ctx/me": () => ({ body: `read ${++reads}` }),
        "/mizan/call/addTodo": () => error("csrf", 403),
      }),
    );
    const client = newClient();
    const me = client.registerContext({ name: "me", scope: "user" });
    me.subscribe(() => {});
    await until(() => me.getState().data === "read 1");
    await expect(client.call(addTodo, { list: 1, title: "a" })).rejects.toMatchObject({ code: "csrf", status: 403 });
    // sent once, as alice; bob's token was fetched and not used
    expect(server.to("/mizan/call/").map((r) => r.headers["mizan-csrf"])).toEqual(["token-2"]);
    expect(server.to("/mizan/session")).toHaveLength(2);
    await until(() => me.getState().data === "read 2"); // read as alice, not shown as bob's
  });

  test("a 403 csrf is not sent again after a login in this tab while the call was on its way", async () => {
    const gate = deferred();
    server.handle(
      app({
        "/mizan/call/addTodo": async () => {
          await gate.promise;
          return error("csrf", 403);
        },
        "/mizan/call/login": () => ({ headers: { "Mizan-CSRF-Token": "rotated" }, body: { result: "bob", invalidate: [] } }),
      }),
    );
    const client = newClient();
    const adding = client.call(addTodo, { list: 1, title: "a" });
    await until(() => server.to("/mizan/call/addTodo").length === 1);
    await client.call({ name: "login", sessionInit: true }, {});
    gate.resolve();
    await expect(adding).rejects.toMatchObject({ code: "csrf" });
    expect(server.to("/mizan/call/addTodo")).toHaveLength(1);
    expect(server.to("/mizan/session")).toHaveLength(1);
  });

  test("a Mizan-CSRF-Token response header replaces the token", async () => {
    server.handle(
      app({ "/mizan/call/login": () => ({ headers: { "Mizan-CSRF-Token": "rotated" }, body: { result: "bob", invalidate: [] } }) }),
    );
    const client = newClient();
    await client.call({ name: "login", sessionInit: true }, {});
    await client.call(addTodo, { list: 1, title: "a" });
    expect(server.to("/mizan/call/addTodo")[0]!.headers["mizan-csrf"]).toBe("rotated");
    expect(server.to("/mizan/session")).toHaveLength(1);
  });
});

describe("token auth", () => {
  test("never calls /session and sends Authorization: Bearer on reads and calls", async () => {
    let token = "abc";
    const client = newClient({ auth: "token", getToken: () => token });
    await client.call(addTodo, { list: 1, title: "a" });
    token = "def";
    const h = client.registerContext("me");
    h.subscribe(() => {});
    await until(() => h.getState().status === "success");
    await client.call(addTodo, { list: 1, title: "b" });
    expect(server.to("/mizan/session")).toHaveLength(0);
    expect(server.requests.map((r) => [r.path, r.headers.authorization, r.headers["mizan-csrf"]])).toEqual([
      ["/mizan/call/addTodo", "Bearer abc", undefined],
      ["/mizan/ctx/me", "Bearer def", undefined],
      ["/mizan/call/addTodo", "Bearer def", undefined],
    ]);
  });

  test("a login whose getToken throws sent nothing, so it signs nobody out: the USER entries stay", async () => {
    let token: () => string = () => "abc";
    const client = newClient({ auth: "token", getToken: () => token() });
    const me = client.registerContext({ name: "me", scope: "user" });
    const statuses: string[] = [];
    me.subscribe(() => statuses.push(me.getState().status));
    await until(() => me.getState().status === "success");
    statuses.length = 0;
    token = () => {
      throw new Error("the identity provider is down");
    };
    await expect(client.call({ name: "login", sessionInit: true }, {})).rejects.toThrow("the identity provider is down");
    await new Promise((r) => setTimeout(r, 30));
    expect(server.to("/mizan/call/")).toHaveLength(0);
    expect(statuses).toEqual([]);
    expect(server.to("/mizan/ctx/me")).toHaveLength(1);
  });

  test("a 403 csrf under token auth is not retried and /session is still not called", async () => {
    server.handle(app({ "/mizan/call/addTodo": () => error("csrf", 403) }));
    const client = newClient({ auth: "token", getToken: async () => "abc" });
    await expect(client.call(addTodo, { list: 1, title: "a" })).rejects.toMatchObject({ code: "csrf" });
    expect(server.to("/mizan/call/")).toHaveLength(1);
    expect(server.to("/mizan/session")).toHaveLength(0);
  });
});

describe("calls are never retried", () => {
  test("nor timed out, however slow: readTimeout ends only the GETs, such as a /session request that gets no answer", async () => {
    let sessions = 0;
    server.handle(
      app({
        "/mizan/session": () => (++sessions === 1 ? new Promise<never>(() => {}) : { body: { csrfToken: "t", user: null } }),
        "/mizan/call/slow": async () => {
          await new Promise((r) => setTimeout(r, 300)); // the function runs longer than readTimeout
          return { body: { result: "done", invalidate: [] } };
        },
      }),
    );
    const client = newClient({ readTimeout: 100 });
    await expect(client.call("slow", {})).resolves.toBe("done");
    expect(server.to("/mizan/session")).toHaveLength(2);
    expect(server.to("/mizan/call/slow")).toHaveLength(1);
  });

  test("not on a 5xx", async () => {
    server.handle(app({ "/mizan/call/addTodo": () => error("internal", 500) }));
    const client = newClient();
    const err = await client.call(addTodo, { list: 1, title: "a" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MizanError);
    expect((err as MizanError).status).toBe(500);
    expect(server.to("/mizan/call/")).toHaveLength(1);
  });

  test("not on a network error", async () => {
    let posts = 0;
    const client = newClient({
      auth: "token",
      fetch: (input, init) => {
        posts++;
        return fetch(String(input).replace(server.baseUrl, "http://127.0.0.1:9"), init);
      },
    });
    await expect(client.call(addTodo, { list: 1, title: "a" })).rejects.toMatchObject({ code: "network", status: 0 });
    expect(posts).toBe(1);
  });

  test("a 400 invalid_params carries the field errors", async () => {
    server.handle(app({ "/mizan/call/addTodo": () => error("invalid_params", 400, { title: ["must not be blank"] }) }));
    const client = newClient();
    await expect(client.call(addTodo, { list: 1, title: "" })).rejects.toMatchObject({
      status: 400,
      code: "invalid_params",
      fields: { title: ["must not be blank"] },
    });
    expect(server.to("/mizan/call/")).toHaveLength(1);
  });
});

describe("a call's invalidate list", () => {
  test("refetches the matching registered contexts, param-filtered", async () => {
    const client = newClient();
    const todos = { name: "todos", scope: "user", paramTypes: { list: "integer" } } as const;
    const one = client.registerContext(todos, { list: 1 });
    const two = client.registerContext(todos, { list: 2 });
    one.subscribe(() => {});
    two.subscribe(() => {});
    await until(() => one.getState().status === "success" && two.getState().status === "success");
    const before = two.getState();
    await client.call(addTodo, { list: 1, title: "a" });
    await until(() => server.to("/mizan/ctx/todos").length === 3 && !one.getState().isFetching);
    expect(server.to("/mizan/ctx/todos")[2]!.url).toMatch(/^\/mizan\/ctx\/todos\?list=1&_mz=\d+\.[0-9a-z]+$/);
    expect(two.getState()).toBe(before);
  });

  test("a function returning a non-JSON response: Mizan-Invalidate header, the Response itself", async () => {
    server.handle(
      app({
        "/mizan/call/export": () => ({
          headers: { "Content-Type": "text/csv", "Mizan-Invalidate": '[{"context":"todos"}]' },
          body: "a,b\n",
          raw: true,
        }),
      }),
    );
    const client = newClient();
    const h = client.registerContext("todos", {});
    h.subscribe(() => {});
    await until(() => h.getState().status === "success");
    const response = (await client.call("export", {})) as Response;
    expect(await response.text()).toBe("a,b\n");
    await until(() => server.to("/mizan/ctx/todos").length === 2);
  });

  test("a function returning its own JSON Response: its Mizan-Invalidate list is applied, the call resolves with that Response", async () => {
    server.handle(
      app({
        "/mizan/call/report": () => ({
          headers: { "Mizan-Invalidate": '[{"context":"todos","params":{"list":1}}]' },
          body: { rows: 2 }, // the function's own JSON, not Mizan's {"result": ...}
        }),
      }),
    );
    const client = newClient();
    const todos = { name: "todos", scope: "user", paramTypes: { list: "integer" } } as const;
    const h = client.registerContext(todos, { list: 1 });
    h.subscribe(() => {});
    await until(() => h.getState().status === "success");
    const response = (await client.call("report", {})) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(await response.json()).toEqual({ rows: 2 });
    await until(() => server.to("/mizan/ctx/todos").length === 2);
    expect(server.to("/mizan/ctx/todos")[1]!.url).toMatch(/[?&]list=1&_mz=/);
  });

  test("a redirect is handed to onRedirect", async () => {
    server.handle(app({ "/mizan/call/go": () => ({ body: { redirect: "/elsewhere", invalidate: [] } }) }));
    const redirects: string[] = [];
    const client = newClient({ onRedirect: (url) => redirects.push(url) });
    await client.call("go", {});
    expect(redirects).toEqual(["/elsewhere"]);
  });

  test("only http(s) redirects are followed: a javascript: URL never is", async () => {
    const targets = ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://example.com/next", "/next"];
    let i = 0;
    server.handle(app({ "/mizan/call/go": () => ({ body: { redirect: targets[i++], invalidate: [] } }) }));
    const redirects: string[] = [];
    const client = newClient({ onRedirect: (url) => redirects.push(url) });
    for (let n = 0; n < targets.length; n++) await client.call("go", {});
    expect(redirects).toEqual(["https://example.com/next", "/next"]);
  });

  test("a sessionInit function (login) clears USER entries, not PUBLIC ones", async () => {
    server.handle(app({ "/mizan/call/login": () => ({ body: { result: "bob", invalidate: [] } }) }));
    const client = newClient();
    const me = client.registerContext({ name: "me", scope: "user" });
    const catalog = client.registerContext({ name: "catalog", scope: "public" });
    me.subscribe(() => {});
    catalog.subscribe(() => {});
    await until(() => me.getState().status === "success" && catalog.getState().status === "success");
    await client.call({ name: "login", sessionInit: true }, { user: "bob" });
    expect(me.getState()).toMatchObject({ status: "pending", data: undefined });
    await until(() => me.getState().status === "success");
    await new Promise((r) => setTimeout(r, 30));
    expect(server.to("/mizan/ctx/me")).toHaveLength(2); // one refetch, not two
    expect(server.to("/mizan/ctx/catalog")).toHaveLength(1);
  });
});

describe("mutation state", () => {
  test("idle → pending → success, and → error in TanStack v5 words; only the latest run counts", async () => {
    const gate = deferred();
    let n = 0;
    server.handle(
      app({
        "/mizan/call/addTodo": async () => {
          const run = ++n;
          if (run === 1) await gate.promise;
          return run === 3 ? error("invalid_params", 400, { title: ["blank"] }) : { body: { result: { id: run }, invalidate: [] } };
        },
      }),
    );
    const client = newClient();
    const m = createMutation(client, addTodo);
    const seen = [m.getState()];
    m.subscribe(() => seen.push(m.getState()));
    expect(m.getState()).toEqual({ status: "idle", isIdle: true, isPending: false, isSuccess: false, isError: false, error: null, data: undefined, variables: undefined });
    const slow = m.mutateAsync({ list: 1, title: "a" });
    await until(() => n === 1);
    expect(m.getState()).toMatchObject({ status: "pending", isPending: true, isIdle: false, variables: { list: 1, title: "a" } });
    const fast = await m.mutateAsync({ list: 1, title: "b" });
    expect(fast).toEqual({ id: 2 });
    gate.resolve();
    expect(await slow).toEqual({ id: 1 }); // its caller still gets its own result
    expect(m.getState()).toMatchObject({ status: "success", isSuccess: true, isPending: false, data: { id: 2 } }); // the slow one did not win
    await expect(m.mutateAsync({ list: 1, title: "" })).rejects.toBeInstanceOf(MizanError);
    expect(m.getState()).toMatchObject({ status: "error", isError: true, isPending: false, data: undefined });
    expect((m.getState().error as MizanError).fields).toEqual({ title: ["blank"] });
    m.reset();
    expect(m.getState().status).toBe("idle");
    expect(seen.map((s) => s.status)).toEqual(["idle", "pending", "pending", "success", "pending", "error", "idle"]);
  });

});
