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

test("React: thin, readable hooks over @mizan/react: one per context (and a suspense one), one per function", () => {
  const code = generateStage2(schema, "react");
  expect(code).toContain('} from "@mizan/react";');
  expect(code).not.toMatch(/useSyncExternalStore|createContext|ParamsOf|ResultOf|typeof api/); // the runtime lives in the package
  expect(code).toContain("export function useTodos(params: TodosParams, options?: ContextOptions<TodosResult>): ContextResult<TodosResult> {\n  return useMizanContext(api.todos, params, options);\n}");
  expect(code).toContain("export function useSuspenseTodos(params: TodosParams): SuspenseContextResult<TodosResult>");
  expect(code).toContain("export function useCatalog(options?: ContextOptions<CatalogResult>): ContextResult<CatalogResult>");
  expect(code).toContain("export function useAddTodo<C = unknown>(options?: MutationOptions<AddTodoArgs, AddTodoResult, C>): MutationResult<AddTodoArgs, AddTodoResult>");
  expect(code).toContain("return useMutation(api.delete_, options);"); // a reserved word
  expect(code).toContain('export { MizanProvider, keepPreviousData, useMizanClient } from "@mizan/react";');
});

test("Vue: composables over @mizan/vue with params as a ref or getter; one per function too", () => {
  const code = generateStage2(schema, "vue");
  expect(code).not.toMatch(/onServerPrefetch|InjectionKey<|ParamsOf|typeof api/);
  expect(code).toContain("export function useTodos(params: MaybeRefOrGetter<TodosParams>, options?: ContextOptions<TodosResult>): ContextResult<TodosResult>");
  expect(code).toContain("export function useAddTodo<C = unknown>(options?: MutationOptions<AddTodoArgs, AddTodoResult, C>)");
  expect(code).toContain('export { MIZAN_CLIENT, keepPreviousData, mizanPlugin, useMizanClient } from "@mizan/vue";');
});

test("Svelte: reads over @mizan/svelte with getter params; one per function too; no runes in the file", () => {
  const code = generateStage2(schema, "svelte");
  expect(code).not.toMatch(/\$effect|\$state|\$derived|ParamsOf|typeof api/);
  expect(code).toContain("export function useSearch(params: () => SearchParams, options?: () => ContextOptions<SearchResult>): ContextResult<SearchResult>");
  expect(code).toContain("export function useCatalog(options?: () => ContextOptions<CatalogResult>): ContextResult<CatalogResult> {\n  return useMizanContext(api.catalog, () => ({}), options);");
  expect(code).toContain("export function useAddTodo<C = unknown>(options?: MutationOptions<AddTodoArgs, AddTodoResult, C>)");
  expect(code).toContain('export { getMizanClient, keepPreviousData, setMizanClient } from "@mizan/svelte";');
});

test("every target has the same hooks: one per context and one per function", () => {
  const hooks = (code: string) => [...code.matchAll(/export function (use(?!Suspense)\w+)/g)].map((m) => m[1]).sort();
  const react = hooks(generateStage2(schema, "react"));
  expect(react).toEqual(["useAddTodo", "useCatalog", "useDelete", "useLogin", "useSearch", "useTodos"]);
  expect(hooks(generateStage2(schema, "vue"))).toEqual(react);
  expect(hooks(generateStage2(schema, "svelte"))).toEqual(react);
});

test("a name whose hook would clash with the runtime or with another operation is refused with a message id", () => {
  const clash = { ...schema, contexts: [...schema.contexts, { name: "mizanContext", scope: "public" as const, params: [], returns: {} }] };
  expect(() => generateStage2(clash, "react")).toThrow(/MZJS00107 "mizanContext" would generate useMizanContext/);
  const twice = { ...schema, functions: [...schema.functions, { name: "todos", params: [], returns: {} }] };
  expect(() => generateStage2(twice, "vue")).toThrow(/MZJS00107 a context and a function would both generate useTodos/);
});
