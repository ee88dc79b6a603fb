/**
 * `@mizan/codegen`: turns a Mizan schema (docs/reference/schema.md) into typed client code.
 * Stage 1 (types and descriptors, `mizan.ts`) always; Stage 2 (one file of named hooks per
 * `--target`: `mizan.react.ts`, `mizan.vue.ts`, `mizan.svelte.ts`) on request.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { asSchemaDocument, isSchemaUrl, type SchemaDocument } from "./schema.js";
import { generateStage1, type Stage1Options } from "./stage1.js";
import { adapterFile, generateStage2, type Stage2Options, type Target } from "./stage2.js";

export { generateStage1, operationTypeNames, paramType, tsType, valueName, type OperationTypeNames, type Stage1Options } from "./stage1.js";
export { adapterFile, generateStage2, TARGETS, type Stage2Options, type Target } from "./stage2.js";
export { asSchemaDocument, type ContextSchema, type FunctionSchema, type JsonSchema, type ParamSchema, type SchemaDocument } from "./schema.js";

/** Reads a schema from a file path or an http(s) URL (a live server's `/mizan/schema`). */
export async function loadSchema(source: string): Promise<SchemaDocument> {
  let text: string;
  if (isSchemaUrl(source)) {
    const response = await fetch(source, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`GET ${source} answered ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, "utf8");
  }
  return asSchemaDocument(JSON.parse(text));
}

export interface GenerateOptions extends Stage1Options, Stage2Options {
  /** A file path or URL of the schema. */
  readonly schema: string;
  /** The directory to write into (created if missing). */
  readonly out: string;
  /** Frameworks to write hooks for (Stage 2); none by default. */
  readonly targets?: readonly Target[];
}

/** The files a schema generates: path → content. */
export async function render(options: GenerateOptions): Promise<Map<string, string>> {
  const schema = await loadSchema(options.schema);
  const files = new Map([[join(options.out, "mizan.ts"), generateStage1(schema, options)]]);
  for (const target of options.targets ?? []) files.set(join(options.out, adapterFile(target)), generateStage2(schema, target, options));
  return files;
}

/** The generated files missing in `out` or differing from what the schema generates now, with that content. */
async function changed(options: GenerateOptions): Promise<[file: string, content: string][]> {
  const out: [string, string][] = [];
  for (const [file, content] of await render(options)) {
    if ((await readFile(file, "utf8").catch(() => undefined)) !== content) out.push([file, content]);
  }
  return out;
}

/** Generates into `out`; returns the paths written (a file whose content is unchanged is not rewritten). */
export async function generate(options: GenerateOptions): Promise<string[]> {
  await mkdir(options.out, { recursive: true });
  const files = await changed(options);
  for (const [file, content] of files) await writeFile(file, content);
  return files.map(([file]) => file);
}

/** The generated files that are missing or differ from what the schema generates now (for CI). */
export async function stale(options: GenerateOptions): Promise<string[]> {
  return (await changed(options)).map(([file]) => file);
}
