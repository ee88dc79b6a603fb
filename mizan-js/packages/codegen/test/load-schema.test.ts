/** Reading the schema from a URL or a file: what a failure says, and that it never hangs. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadSchema } from "../src/index.js";

const run = promisify(execFile);
const bin = join(resolve(import.meta.dirname, "../../.."), "node_modules/.bin/mizan-codegen");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mizan-load-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A TCP server on a free port; `silent` accepts connections and never answers. */
async function listen(silent: boolean): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => (silent ? sockets.push(s) : s.destroy()));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

/** A port nothing listens on (a server not started yet). */
async function closedPort(): Promise<number> {
  const { server, port } = await listen(false);
  await new Promise((ok) => server.close(ok));
  return port;
}

test("an unreachable schema URL fails the CLI with the URL and the reason, and leaves no output directory", async () => {
  const url = `http://127.0.0.1:${await closedPort()}/app/mizan/schema`;
  const out = join(dir, "unreachable-out");
  const failed = await run(bin, ["--schema", url, "--out", out]).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain(`MZJS00104 mizan-codegen: GET ${url} failed: ECONNREFUSED`);
  await expect(stat(out)).rejects.toThrow(/ENOENT/);
});

test("a server that accepts the connection and never answers fails after the timeout instead of hanging", async () => {
  const { server, port, sockets } = await listen(true);
  try {
    const url = `http://127.0.0.1:${port}/app/mizan/schema`;
    await expect(loadSchema(url, 300)).rejects.toThrow(`GET ${url} failed: no answer within 300 ms`);
  } finally {
    sockets.forEach((s) => s.destroy());
    await new Promise((ok) => server.close(ok));
  }
});

test("a schema file that is not JSON (an HTML page saved by mistake) is named in the error", async () => {
  const file = join(dir, "login.html.json");
  await writeFile(file, "<html><body>Please sign in</body></html>");
  await expect(loadSchema(file)).rejects.toThrow(`${file} is not JSON: Unexpected token '<'`);
});

test("a schema whose hash does not match its content is read with a warning (MZJS00108); the server's own is not", async () => {
  const fixture = join(import.meta.dirname, "fixtures", "schema.json");
  const warnings: string[] = [];
  await loadSchema(fixture, undefined, (m) => warnings.push(m));
  expect(warnings).toEqual([]); // its hash was computed independently (Python's json, sorted keys, SHA-256)
  const edited = JSON.parse(await (await import("node:fs/promises")).readFile(fixture, "utf8")) as { contexts: unknown[] };
  edited.contexts.pop();
  const file = join(dir, "edited-schema.json");
  await writeFile(file, JSON.stringify(edited));
  await loadSchema(file, undefined, (m) => warnings.push(m));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/^MZJS00108 the "hash" of .*edited-schema\.json does not match its content/);
});
