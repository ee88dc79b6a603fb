/**
 * A small Mizan server for the adapter tests, on a real node:http server: the fixture schema's
 * `todos` and `catalog` contexts, `addTodo` (which invalidates `todos` of its list) and `/session`.
 * It speaks the wire protocol of docs/reference/protocol.md as the Java side does; every request is recorded.
 */
import { afterEach, beforeEach } from "vitest";
import { createClient, stableKey, type MizanClient } from "@mizan/base";
import { startServer, type Recorded, type Reply, type TestServer } from "../../../base/test/support/server.js";
import { schemaHash, todos, type Todo } from "../generated/mizan.js";

export interface FakeMizan {
  readonly server: TestServer;
  readonly baseUrl: string;
  /** While set, `todos` reads (or `addTodo` calls) wait for it. */
  readGate: Promise<void> | undefined;
  /** The next this many `todos` reads answer 403 `forbidden` (not retried by the client). */
  failReads: number;
  callGate: Promise<void> | undefined;
  /** The `Mizan-Schema` the server sends (default: the fixture schema's hash). */
  schema: string;
  /** GET requests for one context. */
  reads(name: string): string[];
  close(): Promise<void>;
}

export async function startFakeMizan(): Promise<FakeMizan> {
  const lists = new Map<number, Todo[]>([
    [3, [todo(1, "Milk")]],
    [4, [todo(2, "Bread")]],
  ]);
  let ids = 2;
  const server = await startServer(async (request) => {
    const reply = await answer(request);
    return { ...reply, headers: { ...reply.headers, "Mizan-Schema": fake.schema } };
  });
  const answer = async (request: Recorded): Promise<Reply> => {
    if (request.path === "/mizan/session") return { body: { csrfToken: "token-1" } };
    if (request.path === "/mizan/ctx/todos") {
      await fake.readGate;
      if (fake.failReads > 0 && fake.failReads--) return { status: 403, body: { error: { code: "forbidden", message: "forbidden" } } };
      return { body: lists.get(Number(request.query.get("list"))) ?? [] };
    }
    if (request.path === "/mizan/ctx/catalog") return { body: { items: [], total: lists.size } };
    if (request.path === "/mizan/call/addTodo" && request.method === "POST") {
      if (request.headers["mizan-csrf"] !== "token-1") return { status: 403, body: { error: { code: "csrf", message: "csrf" } } };
      await fake.callGate;
      const args = JSON.parse(request.body) as { list: number; title: string };
      if (!args.title.trim()) return { status: 400, body: { error: { code: "invalid_params", message: "invalid", fields: { title: ["must not be blank"] } } } };
      const added = todo(++ids, args.title);
      lists.set(args.list, [...(lists.get(args.list) ?? []), added]);
      return { body: { result: added, invalidate: [{ context: "todos", params: { list: args.list } }] } };
    }
    return { status: 404, body: { error: { code: "not_found", message: request.path } } };
  };
  const fake: FakeMizan = {
    server,
    baseUrl: server.baseUrl,
    readGate: undefined,
    failReads: 0,
    callGate: undefined,
    schema: schemaHash,
    reads: (name) => server.requests.filter((r) => r.method === "GET" && r.path === `/mizan/ctx/${name}`).map((r) => r.url),
    close: () => server.close(),
  };
  return fake;
}

function todo(id: number, title: string): Todo {
  return { id, title, done: false, due: null, priority: "LOW" };
}

/** What every adapter test starts from: a fresh fake server, a client for it and an empty `#app`. */
async function setUpAdapterTest(): Promise<{ server: FakeMizan; client: MizanClient; container: HTMLElement }> {
  const server = await startFakeMizan();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${server.baseUrl}/app/`);
  const client = createClient({ baseUrl: server.baseUrl, channel: false, gcTime: 0, document: null });
  document.body.innerHTML = '<div id="app"></div>';
  return { server, client, container: document.getElementById("app")! };
}

/** What an adapter test works with; a fresh one for each test. */
export interface AdapterTest {
  readonly server: FakeMizan;
  readonly client: MizanClient;
  readonly container: HTMLElement;
  readonly unhandled: ReturnType<typeof watchUnhandled>;
}

/**
 * Registers what every adapter test starts and ends with: before each test, a {@link setUpAdapterTest}
 * and a {@link watchUnhandled}, handed to `use`; after it, `unmount` (the framework's own), then the
 * client, the server and the watch are closed.
 */
export function adapterTestHooks(use: (test: AdapterTest) => void, unmount: () => unknown): void {
  let current: AdapterTest | undefined;
  beforeEach(async () => {
    current = { ...(await setUpAdapterTest()), unhandled: watchUnhandled() };
    use(current);
  });
  afterEach(async () => {
    await unmount();
    current?.client.close();
    await current?.server.close();
    current?.unhandled.stop();
  });
}

/** Unhandled promise rejections while a test runs (`mutate` must leave none). */
function watchUnhandled(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason);
  process.on("unhandledRejection", listener);
  return { seen, stop: () => void process.off("unhandledRejection", listener) };
}

/** Reading the rendered page: an element's text by id, and the texts of every `li`. */
export function rendered(container: HTMLElement): { text(id: string): string | null | undefined; items(): (string | null)[] } {
  return {
    text: (id) => container.querySelector(`#${id}`)?.textContent,
    items: () => [...container.querySelectorAll("li")].map((li) => li.textContent),
  };
}

/** What an optimistic update adds for a title before the server has it. */
export function draft(title: string): Todo {
  return { id: -1, title: `${title} (saving)`, done: false, priority: "LOW", due: null };
}

/**
 * A client as the SSR worker makes one (docs/how-to/ssr.md): no network (each fetch is recorded and
 * refused), seeded with todos of list 3 (one, "Seeded").
 */
export function workerClient(): { client: MizanClient; fetches: string[] } {
  const fetches: string[] = [];
  const client = createClient({
    baseUrl: "",
    document: null,
    channel: false,
    fetch: (url) => (fetches.push(String(url)), Promise.reject(new Error("no fetch in the worker"))),
  });
  client.hydrate({ contexts: { [stableKey("todos", { list: 3 }, todos.paramTypes)]: { data: [todo(1, "Seeded")], updatedAt: 1 } } });
  return { client, fetches };
}
