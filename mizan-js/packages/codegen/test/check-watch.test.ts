/** `mizan-codegen --check` (for CI), `--watch`, and the Vite plugin, run for real. */
import { execFile, spawn } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { build, createServer, type ViteDevServer } from "vite";
import { mizan } from "../src/vite.js";
import { until } from "../../base/test/support/server.js";

// generate() as the plugin calls it, counting the runs at once (the CLI runs as its own process); while
// `hold` is set, a run that has read the schema and written its files waits for it before it ends
const runs = vi.hoisted(() => ({ active: 0, most: 0, held: 0, hold: undefined as Promise<void> | undefined }));
vi.mock("../src/index.js", async (original) => {
  const real = await original<typeof import("../src/index.js")>();
  return {
    ...real,
    generate: async (options: Parameters<typeof real.generate>[0]) => {
      runs.most = Math.max(runs.most, ++runs.active);
      try {
        const written = await real.generate(options);
        if (runs.hold) (runs.held++, await runs.hold);
        return written;
      } finally {
        runs.active--;
      }
    },
  };
});

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../..");
const bin = join(root, "node_modules/.bin/mizan-codegen");
const fixture = join(import.meta.dirname, "fixtures", "schema.json");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mizan-check-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The fixture schema with one more context (`tags`, then any of `more`), so the generated code changes. */
async function grownSchema(...more: string[]): Promise<string> {
  const schema = JSON.parse(await readFile(fixture, "utf8")) as { contexts: unknown[] };
  for (const name of ["tags", ...more]) schema.contexts.push({ name, scope: "public", params: [], returns: { type: "array", items: { type: "string" } } });
  return JSON.stringify(schema);
}

const fail = (args: string[]) => run(bin, args).then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);

test("--check: up to date passes; a changed schema or an edited file fails with the stale files named; nothing is written", async () => {
  const schema = join(dir, "check-schema.json");
  const out = join(dir, "check-out");
  await copyFile(fixture, schema);
  const args = ["--schema", schema, "--out", out, "--target", "react,svelte"];
  expect(await fail([...args, "--check"])).toMatchObject({ code: 1, stderr: expect.stringContaining("MZJS00103") }); // nothing generated yet
  await run(bin, args);
  expect(await fail([...args, "--check"])).toMatchObject({ code: 0 });
  await writeFile(schema, await grownSchema());
  const stale = await fail([...args, "--check"]);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain(join(out, "mizan.ts"));
  expect(stale.stderr).toContain(join(out, "mizan.react.ts"));
  expect(await readFile(join(out, "mizan.ts"), "utf8")).not.toContain("TagsResult"); // --check wrote nothing
  await run(bin, args);
  expect(await fail([...args, "--check"])).toMatchObject({ code: 0 });
  await writeFile(join(out, "mizan.svelte.ts"), "// edited by hand\n");
  expect(await fail([...args, "--check"])).toMatchObject({ code: 1, stderr: expect.stringContaining("mizan.svelte.ts") });
});

test("--check ignores CRLF line endings, flags an adapter of a target no longer asked for, and a run removes it", async () => {
  const out = join(dir, "crlf-out");
  const both = ["--schema", fixture, "--out", out, "--target", "react,vue"];
  await run(bin, both);
  for (const name of ["mizan.ts", "mizan.react.ts", "mizan.vue.ts"]) {
    const file = join(out, name);
    await writeFile(file, (await readFile(file, "utf8")).replace(/\n/g, "\r\n")); // a checkout with core.autocrlf
  }
  expect(await fail([...both, "--check"])).toMatchObject({ code: 0 });
  expect((await run(bin, both)).stdout).toContain("up to date"); // nothing rewritten
  const reactOnly = ["--schema", fixture, "--out", out, "--target", "react"];
  expect(await fail([...reactOnly, "--check"])).toMatchObject({ code: 1, stderr: expect.stringContaining("mizan.vue.ts") });
  await writeFile(join(out, "mizan.svelte.ts"), "// mine, not generated\n");
  expect((await run(bin, reactOnly)).stdout).toContain(`removed ${join(out, "mizan.vue.ts")}`);
  expect(await fail([...reactOnly, "--check"])).toMatchObject({ code: 0 });
  expect(await readFile(join(out, "mizan.svelte.ts"), "utf8")).toBe("// mine, not generated\n"); // not ours: kept
});

test("a run writes each file whole: a reader never sees one empty or half-written", async () => {
  const out = join(dir, "atomic-out");
  const big = JSON.parse(await readFile(fixture, "utf8")) as { contexts: { name: string }[] };
  const template = big.contexts[0];
  for (let i = 0; i < 400; i++) big.contexts.push({ ...template, name: `ctx${i}` });
  const schemaA = join(dir, "atomic-a.json");
  const schemaB = join(dir, "atomic-b.json");
  await writeFile(schemaA, JSON.stringify(big));
  big.contexts.push({ ...template, name: "oneMore" });
  await writeFile(schemaB, JSON.stringify(big));
  const real = await vi.importActual<typeof import("../src/index.js")>("../src/index.js");
  await real.generate({ schema: schemaA, out, targets: ["react"] });
  const file = join(out, "mizan.ts");
  const whole = new Set<number>([(await readFile(file)).length]);
  let reading = true;
  const seen: number[] = [];
  const reader = (async () => {
    while (reading) seen.push((await readFile(file)).length);
  })();
  for (let i = 0; i < 20; i++) {
    await real.generate({ schema: i % 2 ? schemaA : schemaB, out, targets: ["react"] });
    whole.add((await readFile(file)).length);
  }
  reading = false;
  await reader;
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((n) => !whole.has(n))).toEqual([]);
});

test("--watch regenerates when the schema file changes", async () => {
  const schema = join(dir, "watch-schema.json");
  const out = join(dir, "watch-out");
  await copyFile(fixture, schema);
  const child = spawn(process.execPath, [bin, "--schema", schema, "--out", out, "--target", "vue", "--watch"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  try {
    await until(() => output.includes("watching"), 10_000);
    expect(await readFile(join(out, "mizan.vue.ts"), "utf8")).not.toContain("useTags");
    await writeFile(schema, await grownSchema());
    const wrote = `wrote ${join(out, "mizan.vue.ts")}`;
    await until(() => output.split(wrote).length === 3, 10_000); // the first run, then the change
    expect(await readFile(join(out, "mizan.vue.ts"), "utf8")).toContain("export function useTags(");
  } finally {
    child.kill();
  }
});

/**
 * A Vite dev server with the plugin, its logger's errors and what it sent to the browsers recorded.
 * Without `watch`, no file watcher: only the test reports changes (`server.watcher.emit`).
 */
async function devServer(schema: string, out: string, watch = true) {
  const server = await createServer({
    root: dir,
    configFile: false,
    logLevel: "silent",
    server: { port: 25_000 + Math.floor(Math.random() * 900), strictPort: false, ...(watch ? {} : { watch: null }) },
    plugins: [mizan({ schema, out, targets: ["react"] })],
  });
  const errors = vi.spyOn(server.config.logger, "error");
  const send = vi.spyOn(server.ws, "send");
  const sent = (payload: object) => send.mock.calls.some(([p]) => expect.objectContaining(payload).asymmetricMatch(p));
  return { server, errors, sent };
}

/** Polls an async condition (files on disk) every 50 ms, for at most 5 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  expect(await check()).toBe(true);
}

const hooks = (out: string) => readFile(join(out, "mizan.react.ts"), "utf8").catch(() => "");

async function closing(server: ViteDevServer, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } finally {
    await server.close();
  }
}

test("the Vite plugin generates when vite starts and again, in vite dev, when the schema changes", async () => {
  const schema = join(dir, "vite-schema.json");
  const out = join(dir, "vite-out");
  await copyFile(fixture, schema);
  const { server } = await devServer(schema, out);
  await closing(server, async () => {
    await server.listen();
    expect(await hooks(out)).toContain("export function useTodos(");
    await writeFile(schema, await grownSchema());
    await eventually(async () => (await hooks(out)).includes("export function useTags("));
  });
});

test("vite dev starts before the schema file exists: the error is logged, and the files are written once the file appears", async () => {
  const schema = join(dir, "vite-later-schema.json");
  const out = join(dir, "vite-later-out");
  const { server, errors } = await devServer(schema, out);
  await closing(server, async () => {
    await server.listen();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("MZJS00106 mizan-codegen: ENOENT"));
    await writeFile(schema, await grownSchema());
    await eventually(async () => (await hooks(out)).includes("export function useTags("));
  });
});

test("vite dev starts while the schema URL cannot be reached (the server not up yet): the error is logged", async () => {
  const { createServer: tcp } = await import("node:net");
  const probe = tcp();
  await new Promise<void>((ok) => probe.listen(0, "127.0.0.1", ok));
  const port = (probe.address() as { port: number }).port;
  await new Promise((ok) => probe.close(ok)); // nothing listens there now
  const { server, errors } = await devServer(`http://127.0.0.1:${port}/app/mizan/schema`, join(dir, "vite-url-out"));
  await closing(server, async () => {
    await server.listen();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining(`MZJS00106 mizan-codegen: GET http://127.0.0.1:${port}/app/mizan/schema failed: ECONNREFUSED`));
  });
});

test("vite build still fails when the schema cannot be read or is invalid, with the MZJS code the dev overlay shows", async () => {
  const viteBuild = (schema: string) =>
    build({ root: dir, configFile: false, logLevel: "silent", build: { write: false }, plugins: [mizan({ schema, out: join(dir, "build-out") })] });
  await expect(viteBuild(join(dir, "absent.json"))).rejects.toThrow(/MZJS00106 mizan-codegen: ENOENT/);
  const invalid = join(dir, "build-invalid-schema.json");
  const { hash: _, ...noHash } = JSON.parse(await readFile(fixture, "utf8"));
  await writeFile(invalid, JSON.stringify(noHash));
  await expect(viteBuild(invalid)).rejects.toThrow('MZJS00106 mizan-codegen: invalid schema: no "hash" (a string)');
});

test("in vite dev a failed regeneration is shown in Vite's error overlay until one succeeds (a full reload)", async () => {
  const schema = join(dir, "vite-overlay-schema.json");
  const out = join(dir, "vite-overlay-out");
  await copyFile(fixture, schema);
  const { server, sent } = await devServer(schema, out);
  await closing(server, async () => {
    await server.listen();
    await writeFile(schema, '{"version": 1, "hash": "half-writ'); // as an editor or a build might leave it for a moment
    await eventually(async () => sent({ type: "error", err: expect.objectContaining({ message: expect.stringContaining("MZJS00106 mizan-codegen: ") }) }));
    expect(sent({ type: "full-reload" })).toBe(false);
    await writeFile(schema, await grownSchema());
    await eventually(async () => sent({ type: "full-reload" }));
    expect(await hooks(out)).toContain("export function useTags(");
  });
});

test("in vite dev regenerations run one at a time, in order: the last change wins", async () => {
  const schema = join(dir, "vite-serial-schema.json");
  const out = join(dir, "vite-serial-out");
  await copyFile(fixture, schema);
  // no file watcher: a change it reported late would start a run of its own and hide a change that was lost
  const { server } = await devServer(schema, out, false);
  await closing(server, async () => {
    await server.listen();
    runs.most = 0;
    let release = () => {};
    runs.hold = new Promise((r) => (release = r));
    await writeFile(schema, await grownSchema());
    for (let i = 0; i < 5; i++) server.watcher.emit("change", schema); // five changes reported at once
    await until(() => runs.held === 1); // the first run read that schema and is still going
    await writeFile(schema, await grownSchema("last"));
    server.watcher.emit("change", schema); // a change reported during that run
    runs.hold = undefined;
    release();
    await eventually(async () => runs.active === 0 && (await hooks(out)).includes("export function useLast("));
    expect(runs.most).toBe(1);
  });
});
