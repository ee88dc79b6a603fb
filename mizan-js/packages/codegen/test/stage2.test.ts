/** Stage 2 output: which files, and the framework rules each adapter must keep (docs/internals/client-kernel.md). */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { asSchemaDocument, generateStage2 } from "../src/index.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../..");
const fixture = join(import.meta.dirname, "fixtures", "schema.json");
const schema = asSchemaDocument(JSON.parse(await readFile(fixture, "utf8")));

test("--target writes one adapter per framework beside mizan.ts", async () => {
  const dir = await mkdtemp(join(tmpdir(), "mizan-stage2-"));
  try {
    await run(join(root, "node_modules/.bin/mizan-codegen"), ["--schema", fixture, "--out", dir, "--target", "react", "--target", "vue,svelte"]);
    expect((await readdir(dir)).sort()).toEqual(["mizan.react.ts", "mizan.svelte.ts", "mizan.ts", "mizan.vue.ts"]);
    expect(await readFile(join(dir, "mizan.vue.ts"), "utf8")).toBe(generateStage2(schema, "vue"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("React: useSyncExternalStore with a server snapshot; a hook per context and per function", () => {
  const code = generateStage2(schema, "react");
  expect(code).toContain("useSyncExternalStore(handle.subscribe, handle.getState, handle.getState)");
  expect(code).not.toMatch(/useEffect|setState/); // nothing subscribes or fetches from render or an updater
  expect(code).toContain("export function useTodos(params: ParamsOf<typeof api.todos>)");
  expect(code).toContain("export function useCatalog(): ContextResult");
  expect(code).toContain("export function useAddTodo(): MutationResult");
  expect(code).toContain("export function delete_(args: ArgsOf<typeof api.delete_>"); // a reserved word
});

test("Vue: reactive params, onServerPrefetch, an exported injection key, calls as plain functions", () => {
  const code = generateStage2(schema, "vue");
  expect(code).toContain("export const MIZAN_CLIENT: InjectionKey<MizanClient>");
  expect(code).toContain("onServerPrefetch(");
  expect(code).toContain("export function useTodos(params: MaybeParams<ParamsOf<typeof api.todos>>)");
  expect(code).toMatch(/export function addTodo\(args: ArgsOf<typeof api.addTodo>, client: MizanClient = defaultClient\(\)\): Promise</);
  expect(code).not.toContain("useAddTodo");
});

test("Svelte: runes, $effect-owned subscriptions, setContext/getContext", () => {
  const code = generateStage2(schema, "svelte");
  expect(code).toContain("$effect(");
  expect(code).toContain("$state.raw");
  expect(code).toContain("setContext(CLIENT, client)");
  expect(code).toContain("getContext<MizanClient | undefined>(CLIENT)");
  expect(code).not.toContain("onDestroy(");
  expect(code).toContain("export function useSearch(params: () => ParamsOf<typeof api.search>)");
});
