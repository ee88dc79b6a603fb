/**
 * The TanStack Query v5 behaviours of the kernel against a real HTTP server: `enabled`, `setData`
 * and its undo, `mutate` that never rejects, optimistic updates rolled back on a server error, and
 * `onSchemaMismatch`.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  createClient,
  keepPreviousData,
  MizanError,
  withPlaceholder,
  type ContextDescriptor,
  type ContextState,
  type FunctionDescriptor,
  type MizanClient,
  type MizanConfig,
} from "../src/index.js";
import { createMutation } from "../src/mutation.js";
import { deferred, error, startServer, until, type TestServer } from "./support/server.js";

let server: TestServer;
const clients: MizanClient[] = [];
let lists: Map<number, string[]>;

const SCHEMA = "a".repeat(64);
const todos: ContextDescriptor<{ list: number }, string[]> = { name: "todos", scope: "user", paramTypes: { list: "integer" }, schema: SCHEMA };
const addTodo: FunctionDescriptor<{ list: number; title: string }, string> = { name: "addTodo", schema: SCHEMA };

function newClient(config: Partial<MizanConfig> = {}) {
  const client = createClient({ baseUrl: server.baseUrl, channel: false, document: null, retryDelay: () => 5, ...config });
  clients.push(client);
  return client;
}

/** The server answers with `schemaHeader` as its Mizan-Schema; a blank title, or one starting with "!", is a 400. */
let schemaHeader = SCHEMA;
let callGate: Promise<void> = Promise.resolve();
/** Holds every read of todos. */
let readGate: Promise<void> = Promise.resolve();
/** Holds the addTodo call of one title (else `callGate` holds it). */
let titleGates: Map<string, Promise<void>>;

beforeEach(async () => {
  lists = new Map([[1, ["milk"]]]);
  schemaHeader = SCHEMA;
  callGate = Promise.resolve();
  readGate = Promise.resolve();
  titleGates = new Map();
  server = await startServer(async (r) => {
    const headers = { "Mizan-Schema": schemaHeader };
    if (r.path === "/mizan/session") return { headers, body: { csrfToken: "t" } };
    if (r.path === "/mizan/ctx/todos") {
      await readGate;
      return { headers, body: lists.get(Number(r.query.get("list"))) ?? [] };
    }
    if (r.path === "/mizan/call/clearDone") return { headers, body: { result: 0, invalidate: [{ context: "todos" }] } };
    if (r.path === "/mizan/call/addTodo") {
      const args = JSON.parse(r.body) as { list: number; title: string };
      await (titleGates.get(args.title) ?? callGate);
      if (!args.title.trim() || args.title.startsWith("!")) return { ...error("invalid_params", 400, { title: ["must not be blank"] }), headers };
      lists.set(args.list, [...(lists.get(args.list) ?? []), args.title]);
      return { headers, body: { result: args.title, invalidate: [{ context: "todos", params: { list: args.list } }] } };
    }
    return error("unknown_context", 404);
  });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

const reads = () => server.to("/mizan/ctx/todos").length;

describe("enabled", () => {
  test("a disabled subscriber fetches nothing, not even after an invalidation; enabling fetches", async () => {
    const client = newClient();
    const handle = client.registerContext(todos, { list: 1 });
    const seen: ContextState<string[]>[] = [];
    const stop = handle.subscribe(() => seen.push(handle.getState()), false);
    expect(handle.getState()).toMatchObject({ status: "pending", isPending: true, isFetching: false });
    await client.call(addTodo, { list: 1, title: "eggs" });
    await new Promise((r) => setTimeout(r, 50));
    expect(reads()).toBe(0);
    expect(seen).toEqual([]);
    // an enabled subscriber fetches, and the disabled one sees the data too
    const live = handle.subscribe(() => {});
    await until(() => handle.getState().isSuccess);
    expect(seen.at(-1)!.data).toEqual(["milk", "eggs"]);
    expect(reads()).toBe(1);
    live();
    stop();
  });

  test("an invalidation during a fetch whose last enabled subscriber then leaves queues no second request", async () => {
    const client = newClient();
    const handle = client.registerContext(todos, { list: 1 });
    const gate = deferred();
    server.handle(async () => {
      await gate.promise;
      return { body: ["milk"] };
    });
    const live = handle.subscribe(() => {});
    await until(() => reads() === 1);
    client.invalidate([{ context: "todos" }]); // the fetch in flight read older data: one more is queued
    const watch = handle.subscribe(() => {}, false);
    live(); // only a disabled subscriber is left
    gate.resolve();
    await until(() => handle.getState().isSuccess);
    await new Promise((r) => setTimeout(r, 50));
    expect(reads()).toBe(1);
    expect(handle.getState().isFetching).toBe(false);
    // the read is still stale: an enabled subscriber fetches it again
    const again = handle.subscribe(() => {});
    await until(() => reads() === 2);
    again();
    watch();
  });
});

describe("gcTime", () => {
  test("Infinity keeps an entry after its last subscriber leaves; a finite gcTime drops it", async () => {
    const kept = newClient({ gcTime: Infinity });
    const dropped = newClient({ gcTime: 5 });
    for (const client of [kept, dropped]) {
      const handle = client.registerContext(todos, { list: 1 });
      handle.subscribe(() => {})();
    }
    // waits for the drop rather than a fixed time (a loaded machine runs timers late); an Infinity read
    // as a number of milliseconds (0, NaN) would have dropped the kept entry first
    await until(() => dropped.size === 0);
    await new Promise((r) => setTimeout(r, 20));
    expect(kept.size).toBe(1);
  });
});

describe("placeholderData", () => {
  test("a pending state shows the placeholder as success with isPlaceholderData; a settled one is left alone", () => {
    const pending = createClient({ baseUrl: "http://127.0.0.1:1", channel: false, document: null }).registerContext(todos, { list: 2 }).getState();
    const shown = withPlaceholder(pending, keepPreviousData, ["page 1"]);
    expect(shown).toMatchObject({ status: "success", isSuccess: true, isPending: false, data: ["page 1"], isPlaceholderData: true });
    expect(withPlaceholder(pending, ["fixed"], undefined).data).toEqual(["fixed"]);
    expect(withPlaceholder(pending, keepPreviousData, undefined)).toBe(pending); // nothing to show yet
  });
});

describe("setData", () => {
  test("writes a read as success, drops the fetch in flight, and its undo restores the previous state", async () => {
    const client = newClient();
    const handle = client.registerContext(todos, { list: 1 });
    const stop = handle.subscribe(() => {});
    await until(() => handle.getState().isSuccess);
    const before = handle.getState();
    const gate = deferred();
    server.handle(async () => {
      await gate.promise;
      return { body: ["from the server"] };
    });
    void handle.refetch();
    await until(() => reads() === 2);
    const undo = client.setData(todos, { list: 1 }, (old) => [...(old ?? []), "optimistic"]);
    expect(handle.getState()).toMatchObject({ status: "success", data: ["milk", "optimistic"], isFetching: false });
    expect(client.getData(todos, { list: 1 })).toEqual(["milk", "optimistic"]);
    gate.resolve();
    await new Promise((r) => setTimeout(r, 50));
    expect(handle.getState().data).toEqual(["milk", "optimistic"]); // the older response was dropped
    undo();
    expect(handle.getState().data).toEqual(before.data);
    stop();
  });

  test("an undo after newer data arrived changes nothing", async () => {
    const client = newClient();
    const handle = client.registerContext(todos, { list: 1 });
    const stop = handle.subscribe(() => {});
    await until(() => handle.getState().isSuccess);
    const undo = client.setData(todos, { list: 1 }, ["optimistic"]);
    // the server's data now differs from the state before the write, so an undo that restored it would show
    lists.set(1, ["milk", "bread"]);
    await handle.refetch();
    expect(handle.getState().data).toEqual(["milk", "bread"]);
    undo();
    expect(handle.getState().data).toEqual(["milk", "bread"]);
    stop();
  });
});

describe("mutations", () => {
  test("mutate never rejects: a server error is in the state only; mutateAsync rejects with it", async () => {
    const client = newClient();
    const m = createMutation(client, addTodo);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      expect(m.mutate({ list: 1, title: " " })).toBeUndefined();
      await until(() => m.getState().isError);
      expect((m.getState().error as MizanError).code).toBe("invalid_params");
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      await expect(m.mutateAsync({ list: 1, title: "" })).rejects.toMatchObject({ code: "invalid_params" });
      m.mutate({ list: 1, title: "jam" });
      await until(() => m.getState().isSuccess);
      expect(m.getState()).toMatchObject({ status: "success", data: "jam", error: null, variables: { list: 1, title: "jam" } });
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("a function without params: mutate() sends {} as mutate({}) does", async () => {
    const clearDone: FunctionDescriptor<Record<string, never> | void, number> = { name: "clearDone", schema: SCHEMA };
    const m = createMutation(newClient(), clearDone);
    m.mutate();
    await until(() => m.getState().isSuccess);
    await m.mutateAsync({});
    expect(server.to("/mizan/call/clearDone").map((r) => r.body)).toEqual(["{}", "{}"]);
    expect(m.getState()).toMatchObject({ status: "success", data: 0 });
  });

  test("optimistic update: onMutate's write shows at once, the server's data replaces it on success", async () => {
    const client = newClient();
    const handle = client.registerContext(todos, { list: 1 });
    const seen: (string[] | undefined)[] = [];
    const stop = handle.subscribe(() => seen.push(handle.getState().data));
    await until(() => handle.getState().isSuccess);
    const gate = deferred();
    callGate = gate.promise;
    const calls: string[] = [];
    const m = createMutation(client, addTodo, {
      onMutate: (args, { setData }) => {
        setData(todos, { list: args.list }, (old) => [...(old ?? []), `${args.title} (saving)`]);
        return "ctx";
      },
      onSuccess: (data, _args, context) => void calls.push(`success ${data} ${context}`),
      onSettled: (_data, error) => void calls.push(`settled ${error}`),
    });
    m.mutate({ list: 1, title: "eggs" });
    await until(() => handle.getState().data?.length === 2);
    expect(handle.getState().data).toEqual(["milk", "eggs (saving)"]);
    expect(m.getState().isPending).toBe(true);
    gate.resolve();
    await until(() => handle.getState().data?.[1] === "eggs");
    expect(handle.getState().data).toEqual(["milk", "eggs"]); // refetched after the call's invalidate
    expect(calls).toEqual(["success eggs ctx", "settled null"]);
    stop();
  });

  test("optimistic update rolled back on a server error, before onError runs", async () => {
    const client = newClient();
    const handle = client.registerContext(todos, { list: 1 });
    const stop = handle.subscribe(() => {});
    await until(() => handle.getState().isSuccess);
    const gate = deferred();
    callGate = gate.promise;
    let dataInOnError: unknown;
    const m = createMutation(client, addTodo, {
      onMutate: (args, { setData }) => setData(todos, { list: args.list }, (old) => [...(old ?? []), "blank (saving)"]),
      onError: () => void (dataInOnError = handle.getState().data),
    });
    const result = m.mutateAsync({ list: 1, title: "  " });
    await until(() => handle.getState().data?.length === 2);
    gate.resolve();
    await expect(result).rejects.toBeInstanceOf(MizanError);
    expect(handle.getState()).toMatchObject({ status: "success", data: ["milk"] });
    expect(dataInOnError).toEqual(["milk"]);
    expect(m.getState().isError).toBe(true);
    expect(lists.get(1)).toEqual(["milk"]); // and the server agrees
    stop();
  });

  test("a callback that throws is reported and changes nothing: a committed call stays a success, its optimistic write stands", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const client = newClient();
      const handle = client.registerContext(todos, { list: 1 });
      const seen: (string[] | undefined)[] = [];
      const stop = handle.subscribe(() => seen.push(handle.getState().data));
      await until(() => handle.getState().isSuccess);
      const read = deferred();
      readGate = read.promise; // the refetch the call's invalidate list makes is slow
      const calls: string[] = [];
      const m = createMutation(client, addTodo, {
        onMutate: (args, { setData }) => setData(todos, { list: args.list }, (old) => [...(old ?? []), `${args.title} (saving)`]),
        onSuccess: () => {
          calls.push("success");
          throw new Error("the toast library failed");
        },
        onError: () => void calls.push("error"),
        onSettled: async (_data, error) => {
          calls.push(`settled ${error}`);
          throw new Error("the analytics hook failed");
        },
      });
      await expect(m.mutateAsync({ list: 1, title: "eggs" })).resolves.toBe("eggs");
      expect(m.getState()).toMatchObject({ status: "success", data: "eggs", error: null });
      expect(calls).toEqual(["success", "settled null"]); // no onError, onSettled once
      expect(handle.getState().data).toEqual(["milk", "eggs (saving)"]); // not rolled back while the refetch runs
      expect(consoleError.mock.calls.map(([message]) => message)).toEqual(["MZJS00004 mutation onSuccess threw", "MZJS00004 mutation onSettled threw"]);
      read.resolve();
      await until(() => handle.getState().data?.[1] === "eggs");
      expect(seen.slice(seen.findIndex((d) => d?.length === 2))).not.toContainEqual(["milk"]);

      // on a failed call, an onError that throws neither replaces the call's error nor skips onSettled
      const failing = createMutation(client, addTodo, {
        onError: () => {
          throw new Error("the toast library failed");
        },
        onSettled: (_data, error) => void calls.push(`settled ${(error as MizanError).code}`),
      });
      await expect(failing.mutateAsync({ list: 1, title: " " })).rejects.toMatchObject({ code: "invalid_params" });
      expect(failing.getState().isError).toBe(true);
      expect(calls.at(-1)).toBe("settled invalid_params");
      expect(consoleError.mock.calls.at(-1)?.[0]).toBe("MZJS00004 mutation onError threw");
      stop();
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe("overlapping optimistic updates", () => {
  /** A read of list 1 with its data, and a mutation whose onMutate appends `<title> (saving)` to it. */
  async function setUp() {
    const client = newClient();
    const handle = client.registerContext(todos, { list: 1 });
    const stop = handle.subscribe(() => {});
    await until(() => handle.getState().isSuccess);
    const m = createMutation(client, addTodo, {
      onMutate: (args, { setData }) => setData(todos, { list: args.list }, (old) => [...(old ?? []), `${args.title} (saving)`]),
    });
    /** Starts a call held until `release` is called. */
    const start = (title: string) => {
      const gate = deferred();
      titleGates.set(title, gate.promise);
      const done = m.mutateAsync({ list: 1, title }).then(
        () => "ok",
        () => "failed",
      );
      return { release: () => (gate.resolve(), done) };
    };
    return { handle, stop, start };
  }

  test("both fail, the first one first: the read is back to its data from before both", async () => {
    const { handle, stop, start } = await setUp();
    const a = start("!a");
    const b = start("!b");
    await until(() => handle.getState().data?.length === 3);
    expect(handle.getState().data).toEqual(["milk", "!a (saving)", "!b (saving)"]);
    expect(await a.release()).toBe("failed");
    expect(handle.getState().data).toEqual(["milk", "!b (saving)"]); // b's write stays, without a's
    expect(await b.release()).toBe("failed");
    expect(handle.getState()).toMatchObject({ status: "success", data: ["milk"], isFetching: false });
    stop();
  });

  test("both fail, the last one first: the read is back to its data from before both", async () => {
    const { handle, stop, start } = await setUp();
    const a = start("!a");
    const b = start("!b");
    await until(() => handle.getState().data?.length === 3);
    expect(await b.release()).toBe("failed");
    expect(handle.getState().data).toEqual(["milk", "!a (saving)"]);
    expect(await a.release()).toBe("failed");
    expect(handle.getState().data).toEqual(["milk"]);
    stop();
  });

  test("one fails after the other wrote, which then succeeds: the failed write goes at once, then the server's data shows", async () => {
    const { handle, stop, start } = await setUp();
    const a = start("!a");
    const b = start("b");
    await until(() => handle.getState().data?.length === 3);
    expect(await a.release()).toBe("failed");
    expect(handle.getState().data).toEqual(["milk", "b (saving)"]);
    expect(await b.release()).toBe("ok");
    await until(() => handle.getState().data?.[1] === "b" && !handle.getState().isFetching); // refetched: b's invalidate
    expect(handle.getState().data).toEqual(["milk", "b"]);
    stop();
  });

  test("newer data from the server is not rolled back by a failure", async () => {
    const { handle, stop, start } = await setUp();
    const a = start("!a");
    await until(() => handle.getState().data?.length === 2);
    lists.set(1, ["milk", "bread"]);
    await handle.refetch(); // started after the write: the server's data replaces it
    expect(await a.release()).toBe("failed");
    expect(handle.getState().data).toEqual(["milk", "bread"]);
    stop();
  });
});

describe("onSchemaMismatch", () => {
  test("a Mizan-Schema that differs from the descriptors' hash is reported once per server hash", async () => {
    const reports: unknown[] = [];
    const client = newClient({ onSchemaMismatch: (m) => reports.push(m) });
    const handle = client.registerContext(todos, { list: 1 });
    const stop = handle.subscribe(() => {});
    await until(() => handle.getState().isSuccess);
    expect(reports).toEqual([]); // same hash: nothing
    schemaHeader = "b".repeat(64);
    await handle.refetch();
    await client.call(addTodo, { list: 1, title: "x" });
    expect(reports).toEqual([{ expected: SCHEMA, received: "b".repeat(64) }]);
    schemaHeader = "c".repeat(64);
    await handle.refetch();
    expect(reports).toHaveLength(2);
    stop();
  });

  test("by default one console warning with a message id", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      schemaHeader = "d".repeat(64);
      const client = newClient();
      await client.call(addTodo, { list: 1, title: "x" });
      await client.call(addTodo, { list: 1, title: "y" });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/^MZJS00001 .*d{64}.*a{64}/);
    } finally {
      warn.mockRestore();
    }
  });

  test("no hash known (descriptors by name only): nothing is compared", async () => {
    const reports: unknown[] = [];
    schemaHeader = "e".repeat(64);
    const client = newClient({ onSchemaMismatch: (m) => reports.push(m) });
    await client.call("addTodo", { list: 1, title: "x" });
    expect(reports).toEqual([]);
  });
});
