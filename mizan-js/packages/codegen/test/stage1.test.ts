import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { asSchemaDocument, generateStage1 } from "../src/index.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../..");
const fixture = join(import.meta.dirname, "fixtures", "schema.json");
const schema = asSchemaDocument(JSON.parse(await readFile(fixture, "utf8")));
const code = generateStage1(schema);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mizan-codegen-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("named types", () => {
  test("objects keep present (p?:) and nullable (| null) apart", () => {
    expect(code).toContain(
      [
        "export interface Todo {",
        "  counts?: Record<string, number>;",
        "  done: boolean;",
        "  due: string | null;",
        "  id: number;",
        "  note?: string;",
        "  priority: Priority;",
        "  tags?: (string | null)[];",
        "  title: string;",
        '  "x-ray"?: number;',
        "}",
      ].join("\n"),
    );
  });
  test("an int64 param also takes a bigint, which the kernel sends with every digit", () => {
    expect(code).toMatch(/export interface AddTodoArgs \{\n  list: number \| bigint;/);
  });
  test("so does an int64 in a param's map, as in its array; a named type's int64 stays a number (results are read as numbers)", () => {
    const int64 = { type: "integer", format: "int64" };
    const counts = { name: "setCounts", params: [{ name: "counts", schema: { type: "object", additionalProperties: int64 }, required: true }], returns: { type: "null" } };
    expect(generateStage1({ ...schema, functions: [counts] })).toContain("export interface SetCountsArgs {\n  counts: Record<string, number | bigint>;\n}");
    expect(code).toContain("  counts?: Record<string, number>;");
  });
  test("enums are unions of their constants; generic types keep the server's names", () => {
    expect(code).toContain('export type Priority = "LOW" | "HIGH";');
    expect(code).toContain("export interface Page_Todo {\n  items: Todo[];\n  next?: string;\n  total: number;\n}");
  });
});

describe("descriptors", () => {
  test("contexts carry scope and the param types the kernel needs (string after $ref, else JSON)", () => {
    expect(code).toContain(
      [
        "/** The params of `search`. */",
        "export interface SearchParams {\n  q: string;\n  priority?: Priority | null | undefined;\n  since?: string | null | undefined;\n  ids?: (number | bigint)[] | null | undefined;\n}",
        "export type SearchResult = Todo[] | null;",
        "/** Context `search` (user). */",
        "export const search: ContextDescriptor<SearchParams, SearchResult> = {",
        '  name: "search",',
        '  scope: "user",',
        '  paramTypes: { q: "string", priority: "string", since: "string", ids: "array" },',
        "  schema: schemaHash,",
        "};",
      ].join("\n"),
    );
    expect(code).toContain(
      'export type CatalogResult = Page_Todo;\n/** Context `catalog` (public). */\nexport const catalog: ContextDescriptor<Record<string, never>, CatalogResult> = {\n  name: "catalog",\n  scope: "public",\n  paramTypes: {  },\n  schema: schemaHash,\n};',
    );
  });
  test("functions: sessionInit flagged, reserved words renamed, schema hash exported", () => {
    expect(code).toContain(
      'export interface LoginArgs {\n  user: string;\n  password: string;\n}\nexport type LoginResult = string;\n/** Function `login` (logs in or out). */\nexport const login: FunctionDescriptor<LoginArgs, LoginResult> = {\n  name: "login",\n  sessionInit: true,\n  schema: schemaHash,\n};',
    );
    expect(code).toContain('export const delete_: FunctionDescriptor<DeleteArgs, DeleteResult> = {\n  name: "delete",\n  schema: schemaHash,\n};');
    expect(code).toContain("export type DeleteResult = null;");
    expect(code).toContain(`export const schemaHash = "${schema.hash}";`);
  });
});

describe("a function that returns its own JAX-RS Response", () => {
  const exportList = { name: "exportList", params: [], returns: { "x-mizan-response": true } };

  test("resolves to the fetch Response, or undefined when the server turned a redirect into {redirect}", () => {
    expect(generateStage1({ ...schema, functions: [...schema.functions, exportList] })).toContain("export type ExportListResult = Response | undefined;");
  });
  test("a schema type named Response does not hide the fetch Response", () => {
    const types = { ...schema.types, Response: { type: "object", properties: { ok: { type: "boolean" } } } };
    expect(generateStage1({ ...schema, types, functions: [exportList] })).toContain("export type ExportListResult = globalThis.Response | undefined;");
  });
});

describe("names that would clash (MZJS00107)", () => {
  const context = (name: string) => ({ name, scope: "public" as const, params: [], returns: { type: "string" } });
  const fn = (name: string) => ({ name, params: [], returns: { type: "null" } });
  const generate = (extra: Partial<typeof schema>) => () => generateStage1({ ...schema, ...extra });

  test("an operation named as a name of the generated file: schemaHash, an imported type", () => {
    expect(generate({ contexts: [...schema.contexts, context("schemaHash")] })).toThrow(
      'MZJS00107 the schema hash and the descriptor of context "schemaHash" would both be named schemaHash: rename context "schemaHash"',
    );
    expect(generate({ functions: [...schema.functions, fn("ContextDescriptor")] })).toThrow(/^MZJS00107 .* would both be named ContextDescriptor: rename function "ContextDescriptor"$/);
  });

  test("two operations with one descriptor name: a context and a function, a reserved word and its renaming", () => {
    expect(generate({ functions: [...schema.functions, fn("todos")] })).toThrow(
      'MZJS00107 the descriptor of context "todos" and the descriptor of function "todos" would both be named todos: rename context "todos" or function "todos"',
    );
    expect(generate({ contexts: [...schema.contexts, context("delete_")] })).toThrow(/MZJS00107 .* would both be named delete_: rename context "delete_" or function "delete"/);
  });

  test("a schema type named as a type the file uses, or two schema types with one TypeScript name", () => {
    expect(generate({ types: { ...schema.types, Record: { type: "object", properties: { a: { type: "string" } } } } })).toThrow(/^MZJS00107 .* would both be named Record: rename schema type "Record"$/);
    expect(generate({ types: { ...schema.types, FunctionDescriptor: { type: "string" } } })).toThrow(/would both be named FunctionDescriptor/);
    expect(generate({ types: { ...schema.types, "Page<Todo>": { type: "string" }, "Page_Todo_": { type: "string" } } })).toThrow(
      /MZJS00107 .* would both be named Page_Todo_: rename schema type "Page<Todo>" or schema type "Page_Todo_"/,
    );
  });

  test("Unicode letters in a type's name are kept, as TypeScript allows: no renaming, no false clash", () => {
    const code = generateStage1({ ...schema, types: { ...schema.types, Réservation: { type: "object", properties: { prénom: { type: "string" } } }, Ärger: { type: "string" }, Örger: { type: "string" } } });
    expect(code).toContain("export interface Réservation {\n  prénom?: string;\n}");
    expect(code).toContain("export type Ärger = string;");
    expect(code).toContain("export type Örger = string;");
  });

  test("a generated type name that a generated file imports gets a trailing _ instead", () => {
    const code = generateStage1({ ...schema, contexts: [context("context"), context("suspenseContext")] });
    expect(code).toContain("export type ContextResult_ = string;");
    expect(code).toContain("export const context: ContextDescriptor<Record<string, never>, ContextResult_> = {");
    expect(code).toContain("export type SuspenseContextResult_ = string;");
  });
});

test("the generated code type-checks under tsc --strict, and its types reject misuse", async () => {
  await writeFile(join(dir, "mizan.ts"), code);
  await writeFile(
    join(dir, "use.ts"),
    `import { createClient } from "@mizan/base";
import { addTodo, catalog, delete_, login, search, todos, type Todo } from "./mizan.js";

const client = createClient({ baseUrl: "" });
const list = client.registerContext(todos, { list: 3 });
const first: Todo | undefined = list.getState().data?.[0];
const found: Todo[] | null | undefined = client.registerContext(search, { q: "milk" }).getState().data;
client.registerContext(catalog);
const added: Promise<Todo> = client.call(addTodo, { list: 3, title: "Milk" });
const name: Promise<string> = client.call(login, { user: "a", password: "b" });
client.call(delete_, { id: 1 });
const todo: Todo = { id: 1, title: "t", done: false, priority: "LOW", due: null };
// an optional param takes null and undefined (also under exactOptionalPropertyTypes): both mean absent
const chosen = todo.priority === "LOW" ? undefined : todo.priority;
client.registerContext(search, { q: "x", priority: chosen, since: null });
// @ts-expect-error a required param is missing
client.registerContext(todos, {});
// @ts-expect-error a param of the wrong type
client.registerContext(todos, { list: "3" });
// @ts-expect-error not one of the enum's constants
client.registerContext(search, { q: "x", priority: "MEDIUM" });
// @ts-expect-error a nullable property is still required (JSON-B writes it only when @JsonbNillable)
const noDue: Todo = { id: 1, title: "t", done: false, priority: "LOW" };
// @ts-expect-error an optional property is not nullable
const nullNote: Todo = { id: 1, title: "t", done: false, priority: "LOW", due: null, note: null };
export { first, found, added, name, todo, noDue, nullNote };
`,
  );
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        skipLibCheck: true,
        types: [],
        paths: { "@mizan/base": [join(root, "packages/base/src/index.ts")] },
      },
      files: ["mizan.ts", "use.ts"],
    }),
  );
  const result = await run(join(root, "node_modules/.bin/tsc"), ["-p", dir]).catch((e: { stdout: string; stderr: string }) => e);
  expect(`${result.stdout}${result.stderr}`).toBe("");
});

test("schema types named as TypeScript reserves (function, string) or starting with a digit get a name that compiles", async () => {
  const types = {
    ...schema.types,
    function: { type: "object", properties: { id: { type: "integer", format: "int64" } } },
    string: { type: "object", properties: { text: { type: "string" } } },
    "2Fast": { type: "string", enum: ["A", "B"] },
  };
  const contexts = [
    ...schema.contexts,
    { name: "odd", scope: "public" as const, params: [], returns: { type: "array", items: { $ref: "#/types/function" } } },
    { name: "odder", scope: "public" as const, params: [], returns: { $ref: "#/types/string" } },
    { name: "oddest", scope: "public" as const, params: [], returns: { $ref: "#/types/2Fast" } },
  ];
  const odd = generateStage1({ ...schema, types, contexts });
  expect(odd).toContain("export interface function_ {");
  expect(odd).toContain("export interface string_ {");
  expect(odd).toContain('export type _2Fast = "A" | "B";');
  expect(odd).toContain("export type OddResult = function_[];");
  const oddDir = join(dir, "odd");
  await rm(oddDir, { recursive: true, force: true });
  await run("mkdir", ["-p", oddDir]);
  await writeFile(join(oddDir, "mizan.ts"), odd);
  await writeFile(
    join(oddDir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"], skipLibCheck: true, types: [], paths: { "@mizan/base": [join(root, "packages/base/src/index.ts")] } },
      files: ["mizan.ts"],
    }),
  );
  const result = await run(join(root, "node_modules/.bin/tsc"), ["-p", oddDir]).catch((e: { stdout: string; stderr: string }) => e);
  expect(`${result.stdout}${result.stderr}`).toBe("");
});

describe("a schema codegen cannot use is refused, naming what is wrong", () => {
  const fixtureJson = JSON.parse(JSON.stringify(schema)) as Record<string, any>;
  const refused = (edit: (doc: Record<string, any>) => void) => {
    const doc = structuredClone(fixtureJson);
    edit(doc);
    return () => asSchemaDocument(doc);
  };
  test("the hash, the lists and the named types", () => {
    expect(refused((d) => delete d.hash)).toThrow('invalid schema: no "hash" (a string)');
    expect(refused((d) => (d.hash = ""))).toThrow('invalid schema: no "hash" (a string)');
    expect(refused((d) => delete d.functions)).toThrow('invalid schema: no "functions" (an array)');
    expect(refused((d) => (d.types = []))).toThrow('invalid schema: no "types" (an object)');
    expect(refused((d) => (d.types.Todo = "Todo"))).toThrow('invalid schema: types["Todo"] is not an object');
  });
  test("names of contexts, functions and params, as the server checks them", () => {
    expect(refused((d) => (d.contexts[1].name = "my-ctx"))).toThrow('invalid schema: contexts[1] name "my-ctx" is malformed; names match [A-Za-z][A-Za-z0-9_]*');
    expect(refused((d) => delete d.functions[0].name)).toThrow("invalid schema: functions[0] name undefined is malformed");
    expect(refused((d) => (d.functions[0].params[1].name = "1st"))).toThrow('invalid schema: function "addTodo" params[1] name "1st" is malformed');
  });
  test("params, their schema and required, returns, scope", () => {
    expect(refused((d) => delete d.functions[0].params)).toThrow('invalid schema: function "addTodo" has no "params" (an array)');
    expect(refused((d) => delete d.contexts[2].params[0].schema)).toThrow('invalid schema: context "todos" param "list" has no "schema" (an object)');
    expect(refused((d) => delete d.contexts[2].params[0].required)).toThrow('invalid schema: context "todos" param "list" has no "required" (true or false)');
    expect(refused((d) => delete d.contexts[0].returns)).toThrow('invalid schema: context "catalog" has no "returns" (an object)');
    expect(refused((d) => (d.contexts[0].scope = "PUBLIC"))).toThrow('invalid schema: context "catalog" has scope "PUBLIC" (expected "public" or "user")');
  });
  test("a $ref that is not a string, wherever the generator follows it (it crashed with a TypeError)", () => {
    expect(refused((d) => (d.types.Todo.properties.priority = { $ref: 42 }))).toThrow('invalid schema: types["Todo"].properties["priority"] has "$ref" 42 (expected a string)');
    expect(refused((d) => (d.types.Page_Todo.properties.items.items = { $ref: { x: 1 } }))).toThrow(
      'invalid schema: types["Page_Todo"].properties["items"].items has "$ref" {"x":1} (expected a string)',
    );
    expect(refused((d) => (d.types.Todo.properties.counts.additionalProperties = { $ref: null }))).toThrow(
      'invalid schema: types["Todo"].properties["counts"].additionalProperties has "$ref" null (expected a string)',
    );
    expect(refused((d) => (d.contexts[1].returns.anyOf[0].items.$ref = ["#/types/Todo"]))).toThrow(
      'invalid schema: context "search" returns.anyOf[0].items has "$ref" ["#/types/Todo"] (expected a string)',
    );
    expect(refused((d) => (d.contexts[1].params[1].schema.$ref = 7))).toThrow('invalid schema: context "search" param "priority" schema has "$ref" 7 (expected a string)');
  });

  test("a nested schema that is not one: an anyOf that is no list, a property that is null", () => {
    expect(refused((d) => (d.contexts[1].returns.anyOf = 5))).toThrow('invalid schema: context "search" returns.anyOf is 5 (expected a list)');
    expect(refused((d) => (d.types.Todo.properties.priority = null))).toThrow(
      'invalid schema: types["Todo"].properties["priority"] is null (expected a schema object)',
    );
    expect(refused((d) => (d.types.Page_Todo.properties.items.items = "Todo"))).toThrow(
      'invalid schema: types["Page_Todo"].properties["items"].items is "Todo" (expected a schema object)',
    );
  });
});

describe("the mizan-codegen command", () => {
  const bin = join(root, "node_modules/.bin/mizan-codegen");

  test("reads a schema file and writes mizan.ts", async () => {
    const out = join(dir, "from-file");
    const { stdout } = await run(bin, ["--schema", fixture, "--out", out]);
    expect(stdout.trim()).toBe(`wrote ${join(out, "mizan.ts")}`);
    expect(await readFile(join(out, "mizan.ts"), "utf8")).toBe(code);
  });

  test("reads a live server's /mizan/schema", async () => {
    const body = await readFile(fixture);
    const server = createServer((req, res) => {
      res.writeHead(req.url === "/app/mizan/schema" ? 200 : 404, { "Content-Type": "application/json" }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app/mizan/schema`;
    try {
      const out = join(dir, "from-url");
      await run(bin, ["--schema", url, "--out", out, "--base", "../base"]);
      expect(await readFile(join(out, "mizan.ts"), "utf8")).toBe(generateStage1(schema, { baseModule: "../base" }));
    } finally {
      server.close();
    }
  });

  test("says what is wrong: usage, a bad schema, an unknown target", async () => {
    const fail = (args: string[]) => run(bin, args).then(() => ({ code: 0, stderr: "" }), (e: { code: number; stderr: string }) => e);
    expect(await fail(["--out", dir])).toMatchObject({ code: 2, stderr: expect.stringContaining("usage: mizan-codegen") });
    const bad = join(dir, "bad.json");
    await writeFile(bad, '{"version": 2}');
    expect(await fail(["--schema", bad, "--out", dir])).toMatchObject({ code: 1, stderr: expect.stringContaining("unsupported schema version 2") });
    const { hash: _, ...noHash } = JSON.parse(await readFile(fixture, "utf8"));
    await writeFile(bad, JSON.stringify(noHash));
    const out = join(dir, "no-hash");
    expect(await fail(["--schema", bad, "--out", out])).toMatchObject({ code: 1, stderr: expect.stringContaining('MZJS00104 mizan-codegen: invalid schema: no "hash" (a string)') });
    expect(await readFile(join(out, "mizan.ts"), "utf8").catch(() => "not written")).toBe("not written");
    const badRef = JSON.parse(await readFile(fixture, "utf8"));
    badRef.types.Todo.properties.priority = { $ref: 42 };
    await writeFile(bad, JSON.stringify(badRef));
    expect(await fail(["--schema", bad, "--out", join(dir, "bad-ref")])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('MZJS00104 mizan-codegen: invalid schema: types["Todo"].properties["priority"] has "$ref" 42 (expected a string)'),
    });
    const clash = JSON.parse(await readFile(fixture, "utf8"));
    clash.contexts.push({ name: "schemaHash", scope: "public", params: [], returns: { type: "string" } });
    await writeFile(bad, JSON.stringify(clash));
    const clashed = await fail(["--schema", bad, "--out", join(dir, "clash")]);
    expect(clashed).toMatchObject({ code: 1, stderr: expect.stringMatching(/^MZJS00107 mizan-codegen: the schema hash and the descriptor of context "schemaHash"/m) });
    expect(clashed.stderr).toMatch(/^MZJS00108 /); // the file was edited: its hash no longer matches
    expect(clashed.stderr).not.toContain("MZJS00104");
    expect(await fail(["--schema", fixture, "--out", dir, "--target", "react,angular"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown --target angular"),
    });
  });
});
