/** A real HTTP server for kernel tests: scripted replies, every request recorded. */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The request target as sent, e.g. `/mizan/ctx/todos?list=3`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** Sent as JSON, unless `raw`. */
  readonly body?: unknown;
  /** Send `body` (a string) as it is. */
  readonly raw?: boolean;
  /** Send the status, the headers and the body's first character, then nothing more (a connection that stalls mid-body). */
  readonly stall?: boolean;
}

export type Handler = (request: Recorded) => Reply | Promise<Reply>;

export interface TestServer {
  readonly baseUrl: string;
  readonly requests: Recorded[];
  /** Requests whose path starts with `prefix`. */
  to(prefix: string): Recorded[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(handler: Handler = () => ({ status: 404 })): Promise<TestServer> {
  const requests: Recorded[] = [];
  let current = handler;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const target = new URL(req.url!, "http://localhost");
      const recorded: Recorded = {
        method: req.method!,
        path: target.pathname,
        query: target.searchParams,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      try {
        const reply = await current(recorded);
        const json = reply.body !== undefined && !reply.raw;
        res.writeHead(reply.status ?? 200, {
          ...(json ? { "Content-Type": "application/json" } : {}),
          ...reply.headers,
        });
        const text = json ? JSON.stringify(reply.body) : (reply.body as string | undefined);
        if (reply.stall) res.write(text?.slice(0, 1) ?? "");
        else res.end(text);
      } catch (e) {
        res.writeHead(599).end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    to: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    handle: (h) => {
      current = h;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A promise to resolve by hand, to hold a reply in flight. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Waits until `check` holds (polling), failing after `ms`. */
export async function until(check: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`condition not met within ${ms} ms: ${check}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A ctx error body as the server writes it (docs/reference/protocol.md). */
export function error(code: string, status: number, fields?: Record<string, string[]>): Reply {
  return { status, body: { error: { code, message: code, ...(fields ? { fields } : {}) } } };
}
