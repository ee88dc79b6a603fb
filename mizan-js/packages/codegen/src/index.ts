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

/** How long a schema URL may take to answer: a server still deploying must not hang a build for minutes. */
export const SCHEMA_FETCH_TIMEOUT_MS = 30_000;

/**
 * Reads a schema from a file path or an http(s) URL (a live server's `/mizan/schema`). Errors name the
 * source, and for a URL the network's own reason (`ECONNREFUSED`, a timeout, a certificate).
 */
export async function loadSchema(source: string, timeoutMs = SCHEMA_FETCH_TIMEOUT_MS): Promise<SchemaDocument> {
  let text: string;
  if (isSchemaUrl(source)) {
    let response: Response;
    try {
      response = await fetch(source, { headers: { Accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (e) {
      throw new Error(`GET ${source} failed: ${reason(e, timeoutMs)}`, { cause: e });
    }
    if (!response.ok) throw new Error(`GET ${source} answered ${response.status}`);
  } else {
    text = await readFile(source, "utf8");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // an HTML login or error page answered with 200 is the usual case: say where it came from
    throw new Error(`${source} is not JSON: ${(e as Error).message}`, { cause: e });
  }
  return asSchemaDocument(json);
}

/** undici's "fetch failed" says nothing: its cause does (ECONNREFUSED, ENOTFOUND, a certificate error). */
function reason(e: unknown, timeoutMs: number): string {
  const error = e as Error & { cause?: { code?: string; message?: string } };
  if (error.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  const cause = error.cause;
  return cause?.code ?? cause?.message ?? error.message;
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
  const files = await changed(options); // the schema first: a failed run leaves no empty directory behind
  if (files.length) await mkdir(options.out, { recursive: true });
  for (const [file, content] of files) await writeFile(file, content);
  return files.map(([file]) => file);
}

/** The generated files that are missing or differ from what the schema generates now (for CI). */
export async function stale(options: GenerateOptions): Promise<string[]> {
  return (await changed(options)).map(([file]) => file);
}
