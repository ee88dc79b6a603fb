// @vitest-environment happy-dom
/**
 * @mizan/svelte rendered on the server and hydrated in the page: the page is bundled for Node with
 * esbuild (Svelte's server runtime, generate: "server") and rendered in a child Node process from a
 * client seeded with SSR data, as an SSR worker renders it; the HTML it writes is then hydrated
 * here with the client build. The server render shows the seeded data; hydration keeps the
 * server's nodes, fetches nothing for the seeded read, and the page is live afterwards (a param
 * change fetches from the real test server).
 */
import { build } from "esbuild";
import sveltePlugin from "esbuild-svelte";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { flushSync, hydrate, unmount } from "svelte";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { MizanClient, SsrData } from "@mizan/base";
import { todos } from "../../codegen/test/generated/mizan.js";
import { until } from "../../base/test/support/server.js";
import { adapterTestHooks, rendered, type FakeMizan } from "../../codegen/test/adapters/fake-server.js";
import Page from "./ssr/Page.svelte";

const here = import.meta.dirname;
const src = (pkg: string, file = "index.ts") => join(here, "..", "..", pkg, "src", file);
let out: string;
let server: FakeMizan;
let client: MizanClient;
let component: Record<string, unknown> | undefined;
let container: HTMLElement;

adapterTestHooks(
  (t) => ({ server, client, container } = t),
  async () => {
    if (component) await unmount(component);
    component = undefined;
  },
);

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "mizan-svelte-ssr-"));
  await build({
    entryPoints: [join(here, "ssr", "render.ts")],
    outfile: join(out, "render.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    alias: { "@mizan/svelte": src("svelte"), "@mizan/base": src("base"), "@mizan/base/mutation": src("base", "mutation.ts") },
    plugins: [sveltePlugin({ compilerOptions: { generate: "server" } })],
    logLevel: "error",
  });
}, 60_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** The page's HTML as the server renders it from `seed`. */
function renderOnServer(seed: SsrData): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(out, "render.mjs")], (error, stdout, stderr) =>
      error ? reject(new Error(`server render failed: ${stderr || error.message}`)) : resolve(stdout),
    );
    child.stdin!.end(JSON.stringify(seed));
  });
}

const items = () => rendered(container).items();

test("rendered on the server with the seeded data, then hydrated: the server's nodes, no fetch, live afterwards", async () => {
  const seeded = { id: 7, title: "Seeded", done: false, due: null, priority: "LOW" as const };
  const seed: SsrData = { contexts: { [client.registerContext(todos, { list: 3 }).key]: { data: [seeded], updatedAt: Date.now() } } };

  const html = await renderOnServer(seed);
  expect(html).toMatch(/<p id="status">success<\/p>/);
  expect(html).toMatch(/<li>Seeded<\/li>/); // the fake server's list 3 holds "Milk": this came from the seed

  container.innerHTML = html;
  const serverNode = container.querySelector("li");
  client.hydrate(seed);
  component = hydrate(Page, { target: container, props: { client } });
  flushSync();
  // hydration adopts the server's DOM; a mismatch would have made Svelte render it anew
  expect(container.querySelector("li")).toBe(serverNode);
  expect(serverNode?.isConnected).toBe(true);
  expect(items()).toEqual(["Seeded"]);
  expect(rendered(container).text("status")).toBe("success");
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(server.reads("todos"), "the seeded read is not fetched").toEqual([]);

  flushSync(() => container.querySelector<HTMLButtonElement>("#next")!.click());
  await until(() => (flushSync(), items()[0] === "Bread"));
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=4"]);
});
