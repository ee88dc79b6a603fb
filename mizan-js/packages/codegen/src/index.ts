/**
 * `@mizan/codegen`: turns a Mizan schema (docs/reference/schema.md) into typed client code.
 * Stage 1 (types and descriptors, `mizan.ts`) always; Stage 2 (one adapter per `--target`:
 * `mizan.react.ts`, `mizan.vue.ts`, `mizan.svelte.ts`) on request.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { asSchemaDocument, type SchemaDocument } from "./schema.js";
import { generateStage1, type Stage1Options } from "./stage1.js";
import { adapterFile, generateStage2, type Target } from "./stage2.js";

export { generateStage1, paramType, tsType, valueName, type Stage1Options } from "./stage1.js";
export { adapterFile, generateStage2, TARGETS, type Stage2Options, type Target } from "./stage2.js";
export { asSchemaDocument, type ContextSchema, type FunctionSchema, type JsonSchema, type ParamSchema, type SchemaDocument } from "./schema.js";

/** Reads a schema from a file path or an http(s) URL (a live server's `/mizan/schema`). */
export async function loadSchema(source: string): Promise<SchemaDocument> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`GET ${source} answered ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, "utf8");
  }
  return asSchemaDocument(JSON.parse(text));
}

export interface GenerateOptions extends Stage1Options {
  /** A file path or URL of the schema. */
  readonly schema: string;
  /** The directory to write into (created if missing). */
  readonly out: string;
  /** Frameworks to write adapters for (Stage 2); none by default. */
  readonly targets?: readonly Target[];
}

/** Generates into `out`; returns the paths written. */
export async function generate(options: GenerateOptions): Promise<string[]> {
  const schema = await loadSchema(options.schema);
  await mkdir(options.out, { recursive: true });
  const file = join(options.out, "mizan.ts");
  await writeFile(file, generateStage1(schema, options));
  const written = [file];
  for (const target of options.targets ?? []) {
    const adapter = join(options.out, adapterFile(target));
    await writeFile(adapter, generateStage2(schema, target, options));
    written.push(adapter);
  }
  return written;
}
