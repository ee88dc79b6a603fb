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

/** A context, function or param name, as the server allows it (docs/reference/annotations.md). */
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const invalid = (what: string) => new Error(`invalid schema: ${what}`);

/**
 * Checks the parts of a parsed document that codegen relies on. The server always writes them; a
 * hand-edited or older document may not, and is refused with what is wrong (the CLI's MZJS00104).
 */
export function asSchemaDocument(value: unknown): SchemaDocument {
  if (!isObject(value)) throw new Error("the schema is not a JSON object");
  if (value.version !== 1) throw new Error(`unsupported schema version ${String(value.version)} (expected 1)`);
  if (typeof value.hash !== "string" || value.hash === "") throw invalid('no "hash" (a string)');
  if (!isObject(value.types)) throw invalid('no "types" (an object)');
  for (const [name, type] of Object.entries(value.types)) {
    if (!isObject(type)) throw invalid(`types[${JSON.stringify(name)}] is not an object`);
    checkSchema(type, `types[${JSON.stringify(name)}]`);
  }
  const named = (where: string, name: unknown) => {
    if (typeof name !== "string" || !NAME.test(name)) throw invalid(`${where} name ${JSON.stringify(name)} is malformed; names match [A-Za-z][A-Za-z0-9_]*`);
  };
  for (const list of ["contexts", "functions"] as const) {
    const operations = value[list];
    if (!Array.isArray(operations)) throw invalid(`no "${list}" (an array)`);
    operations.forEach((operation: unknown, i) => {
      if (!isObject(operation)) throw invalid(`${list}[${i}] is not an object`);
      named(`${list}[${i}]`, operation.name);
      const of = `${list === "contexts" ? "context" : "function"} ${JSON.stringify(operation.name)}`;
      if (list === "contexts" && operation.scope !== "public" && operation.scope !== "user") {
        throw invalid(`${of} has scope ${JSON.stringify(operation.scope)} (expected "public" or "user")`);
      }
      if (!Array.isArray(operation.params)) throw invalid(`${of} has no "params" (an array)`);
      operation.params.forEach((param: unknown, j) => {
        if (!isObject(param)) throw invalid(`${of} params[${j}] is not an object`);
        named(`${of} params[${j}]`, param.name);
        if (!isObject(param.schema)) throw invalid(`${of} param ${JSON.stringify(param.name)} has no "schema" (an object)`);
        if (typeof param.required !== "boolean") throw invalid(`${of} param ${JSON.stringify(param.name)} has no "required" (true or false)`);
        checkSchema(param.schema, `${of} param ${JSON.stringify(param.name)} schema`);
      });
      if (!isObject(operation.returns)) throw invalid(`${of} has no "returns" (an object)`);
      checkSchema(operation.returns, `${of} returns`);
    });
  }
  return value as unknown as SchemaDocument;
}

/**
 * Refuses what the generator cannot follow in a JSON Schema or in any schema nested where it follows
 * one (`properties`, `items`, `additionalProperties`, `anyOf`): a `$ref` that is not a string, a nested
 * schema that is not an object (`additionalProperties` may also be a boolean), an `anyOf` that is not a
 * list; `where` names the schema.
 */
function checkSchema(schema: Record<string, unknown>, where: string): void {
  if (Object.hasOwn(schema, "$ref") && typeof schema.$ref !== "string") throw invalid(`${where} has "$ref" ${JSON.stringify(schema.$ref)} (expected a string)`);
  const nested = (child: unknown, at: string) => {
    if (!isObject(child)) throw invalid(`${where}${at} is ${JSON.stringify(child)} (expected a schema object)`);
    checkSchema(child, `${where}${at}`);
  };
  if (schema.properties !== undefined) {
    if (!isObject(schema.properties)) throw invalid(`${where}.properties is ${JSON.stringify(schema.properties)} (expected an object)`);
    for (const [key, property] of Object.entries(schema.properties)) nested(property, `.properties[${JSON.stringify(key)}]`);
  }
  if (schema.items !== undefined) nested(schema.items, ".items");
  if (schema.additionalProperties !== undefined && typeof schema.additionalProperties !== "boolean") nested(schema.additionalProperties, ".additionalProperties");
  if (schema.anyOf !== undefined) {
    if (!Array.isArray(schema.anyOf)) throw invalid(`${where}.anyOf is ${JSON.stringify(schema.anyOf)} (expected a list)`);
    schema.anyOf.forEach((member: unknown, i) => nested(member, `.anyOf[${i}]`));
  }
}

/** Whether a `--schema` source is an http(s) URL (a live server's `/mizan/schema`) rather than a file. */
export function isSchemaUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * One line for a failed run, `<id> mizan-codegen: <what>`: the id of the failure when its message
 * starts with one (a name clash is MZJS00107), else `id`, the caller's for "the run failed".
 */
export function failureLine(e: unknown, id: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const own = /^(MZJS\d{5}) ([\s\S]*)$/.exec(message);
  return own ? `${own[1]} mizan-codegen: ${own[2]}` : `${id} mizan-codegen: ${message}`;
}
