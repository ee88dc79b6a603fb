/** `mizan-codegen --check` (for CI), `--watch`, and the Vite plugin, run for real. */
import { execFile, spawn } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createServer } from "vite";
import { mizan } from "../src/vite.js";
import { until } from "../../base/test/support/server.js";

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

/** The fixture schema with one more context, so the generated code changes. */
async function grownSchema(): Promise<string> {
  const schema = JSON.parse(await readFile(fixture, "utf8")) as { contexts: unknown[] };
  schema.contexts.push({ name: "tags", scope: "public", params: [], returns: { type: "array", items: { type: "string" } } });
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

test("the Vite plugin generates when vite starts and again, in vite dev, when the schema changes", async () => {
  const schema = join(dir, "vite-schema.json");
  const out = join(dir, "vite-out");
  await copyFile(fixture, schema);
  const server = await createServer({
    root: dir,
    configFile: false,
    logLevel: "silent",
    server: { port: 25_000 + Math.floor(Math.random() * 900), strictPort: false },
    plugins: [mizan({ schema, out, targets: ["react"] })],
  });
  try {
    await server.listen();
    const exists = async () => readFile(join(out, "mizan.react.ts"), "utf8").catch(() => "");
    for (let i = 0; i < 100 && !(await exists()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await exists()).toContain("export function useTodos(");
    await writeFile(schema, await grownSchema());
    for (let i = 0; i < 200 && !(await exists()).includes("useTags"); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await exists()).toContain("export function useTags(");
  } finally {
    await server.close();
  }
});
