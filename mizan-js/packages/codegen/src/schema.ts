/** The schema document of docs/reference/schema.md, as `GET /mizan/schema` serves it. */

/** The subset of JSON Schema that Mizan writes. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly $ref?: string;
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly items?: JsonSchema;
  readonly uniqueItems?: boolean;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  /** The result of a function that returns its own JAX-RS `Response` (no JSON Schema describes it). */
  readonly "x-mizan-response"?: boolean;
  readonly [keyword: string]: unknown;
}

export interface ParamSchema {
  readonly name: string;
  readonly schema: JsonSchema;
  /** Must be sent; an optional param may be absent (null is the same as absent on the wire). */
  readonly required: boolean;
}

export interface ContextSchema {
  readonly name: string;
  readonly scope: "public" | "user";
  readonly params: readonly ParamSchema[];
  readonly returns: JsonSchema;
}

export interface FunctionSchema {
  readonly name: string;
  readonly params: readonly ParamSchema[];
  readonly returns: JsonSchema;
  readonly sessionInit?: boolean;
  readonly invalidates?: ReadonlyArray<{ readonly context: string; readonly params: readonly string[] }>;
}

export interface SchemaDocument {
  readonly version: number;
  readonly hash: string;
  readonly contexts: readonly ContextSchema[];
  readonly functions: readonly FunctionSchema[];
  readonly types: Readonly<Record<string, JsonSchema>>;
}

/** Checks the parts of a parsed document that codegen relies on. */
export function asSchemaDocument(value: unknown): SchemaDocument {
  const doc = value as Partial<SchemaDocument> | null;
  if (!doc || typeof doc !== "object") throw new Error("the schema is not a JSON object");
  if (doc.version !== 1) throw new Error(`unsupported schema version ${String(doc.version)} (expected 1)`);
  if (!Array.isArray(doc.contexts) || !Array.isArray(doc.functions) || typeof doc.types !== "object") {
    throw new Error("the schema lacks contexts, functions or types");
  }
  return doc as SchemaDocument;
}

/** Whether a `--schema` source is an http(s) URL (a live server's `/mizan/schema`) rather than a file. */
export function isSchemaUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}
