/** Stage 2 output: which files, and the framework rules each adapter must keep (docs/internals/client-kernel.md). */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { adapterFile, asSchemaDocument, generateStage1, generateStage2, TARGETS } from "../src/index.js";

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
  expect(react).toEqual(["useAddTodo", "useCatalog", "useClearDone", "useDelete", "useLogin", "useSearch", "useTodos"]);
  expect(hooks(generateStage2(schema, "vue"))).toEqual(react);
  expect(hooks(generateStage2(schema, "svelte"))).toEqual(react);
});

const context = (name: string) => ({ name, scope: "public" as const, params: [], returns: { type: "string" } });
const fn = (name: string) => ({ name, params: [], returns: { type: "null" } });

test("a name whose hook would clash with the runtime or with another operation is refused with a message id", () => {
  const clash = { ...schema, contexts: [...schema.contexts, context("mizanContext")] };
  expect(() => generateStage2(clash, "react")).toThrow(
    'MZJS00107 a name imported from "@mizan/react" and the hook of context "mizanContext" would both be named useMizanContext: rename context "mizanContext"',
  );
  const twice = { ...schema, contexts: [...schema.contexts, context("Todos")] };
  expect(() => generateStage2(twice, "vue")).toThrow(
    'MZJS00107 the hook of context "todos" and the hook of context "Todos" would both be named useTodos: rename context "todos" or context "Todos"',
  );
});

test("every name the adapters export or import counts: mizanClient, and React's suspense hooks", () => {
  for (const target of ["react", "vue"] as const) {
    expect(() => generateStage2({ ...schema, functions: [...schema.functions, fn("mizanClient")] }, target)).toThrow(
      `MZJS00107 a name exported from "@mizan/${target}" and the hook of function "mizanClient" would both be named useMizanClient: rename function "mizanClient"`,
    );
  }
  const suspense = { ...schema, contexts: [...schema.contexts, context("foo")], functions: [...schema.functions, fn("suspenseFoo")] };
  expect(() => generateStage2(suspense, "react")).toThrow(
    'MZJS00107 the suspense hook of context "foo" and the hook of function "suspenseFoo" would both be named useSuspenseFoo: rename context "foo" or function "suspenseFoo"',
  );
  expect(generateStage2(suspense, "vue")).toContain("export function useSuspenseFoo<C = unknown>("); // no suspense hooks in Vue
  const pair = { ...schema, contexts: [...schema.contexts, context("context"), context("suspenseContext")] };
  expect(() => generateStage2(pair, "react")).toThrow(
    'MZJS00107 the suspense hook of context "context" and the hook of context "suspenseContext" would both be named useSuspenseContext: rename context "context" or context "suspenseContext"',
  );
  const mizanContext = { ...schema, contexts: [...schema.contexts, context("suspenseMizanContext")] };
  expect(() => generateStage2(mizanContext, "react")).toThrow(/would both be named useSuspenseMizanContext: rename context "suspenseMizanContext"$/);
});

test("a context named context, a function named suspenseContext: their types get a trailing _, and every adapter type-checks", async () => {
  const named = {
    a: { ...schema, contexts: [...schema.contexts, context("context")] },
    b: { ...schema, functions: [...schema.functions, fn("suspenseContext")] },
  };
  expect(generateStage2(named.a, "react")).toContain("export function useContext(options?: ContextOptions<ContextResult_>): ContextResult<ContextResult_> {");
  expect(generateStage2(named.b, "react")).toContain(
    "export function useSuspenseContext<C = unknown>(options?: MutationOptions<Record<string, never> | void, SuspenseContextResult_, C>)",
  );
  // beside the generated fixtures, so that @mizan/* resolve through node_modules to the built packages
  const dir = await mkdtemp(join(import.meta.dirname, ".clash-"));
  try {
    const files: string[] = [];
    for (const [sub, doc] of Object.entries(named)) {
      await mkdir(join(dir, sub));
      await writeFile(join(dir, sub, "mizan.ts"), generateStage1(doc));
      for (const target of TARGETS) await writeFile(join(dir, sub, adapterFile(target)), generateStage2(doc, target));
      files.push(...["mizan.ts", ...TARGETS.map(adapterFile)].map((f) => `${sub}/${f}`));
    }
    const options = { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], skipLibCheck: true, types: [] };
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options, files }));
    const result = await run(join(root, "node_modules/.bin/tsc"), ["-p", dir]).catch((e: { stdout: string; stderr: string }) => e);
    expect(`${result.stdout}${result.stderr}`).toBe("");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
