/**
 * A small Mizan server for the adapter tests, on a real node:http server: the fixture schema's
 * `todos` and `catalog` contexts, `addTodo` (which invalidates `todos` of its list) and `/session`.
 * It speaks the wire protocol of docs/reference/protocol.md as the Java side does; every request is recorded.
 */
import { createClient, type MizanClient } from "@mizan/base";
import { startServer, type TestServer } from "../../../base/test/support/server.js";
import type { Todo } from "../generated/mizan.js";

export interface FakeMizan {
  readonly server: TestServer;
  readonly baseUrl: string;
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
  const server = await startServer((request) => {
    if (request.path === "/mizan/session") return { body: { csrfToken: "token-1" } };
    if (request.path === "/mizan/ctx/todos") {
      return { body: lists.get(Number(request.query.get("list"))) ?? [] };
    }
    if (request.path === "/mizan/ctx/catalog") return { body: { items: [], total: lists.size } };
    if (request.path === "/mizan/call/addTodo" && request.method === "POST") {
      if (request.headers["mizan-csrf"] !== "token-1") return { status: 403, body: { error: { code: "csrf", message: "csrf" } } };
      const args = JSON.parse(request.body) as { list: number; title: string };
      const added = todo(++ids, args.title);
      lists.set(args.list, [...(lists.get(args.list) ?? []), added]);
      return { body: { result: added, invalidate: [{ context: "todos", params: { list: args.list } }] } };
    }
    return { status: 404, body: { error: { code: "not_found", message: request.path } } };
  });
  return {
    server,
    baseUrl: server.baseUrl,
    reads: (name) => server.requests.filter((r) => r.method === "GET" && r.path === `/mizan/ctx/${name}`).map((r) => r.url),
    close: () => server.close(),
  };
}

function todo(id: number, title: string): Todo {
  return { id, title, done: false, due: null, priority: "LOW" };
}

/** What every adapter test starts from: a fresh fake server, a client for it and an empty `#app`. */
export async function setUpAdapterTest(): Promise<{ server: FakeMizan; client: MizanClient; container: HTMLElement }> {
  const server = await startFakeMizan();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${server.baseUrl}/app/`);
  const client = createClient({ baseUrl: server.baseUrl, channel: false, gcTime: 0, document: null });
  document.body.innerHTML = '<div id="app"></div>';
  return { server, client, container: document.getElementById("app")! };
}
