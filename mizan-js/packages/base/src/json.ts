/**
 * A strict JSON reader that keeps every number's source text, and a writer for
 * JavaScript values that can carry `bigint`.
 *
 * `JSON.parse` turns 12345678901234567890 into 12345678901234567000, but DESIGN §4 canonicalises
 * the params *as sent on the wire*, so the canonicaliser must see the exact digits.
 */

/** A JSON number kept as its source text. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON object kept as ordered members (a plain object would mishandle `__proto__`). */
export class JsonObject {
  constructor(readonly members: ReadonlyArray<readonly [string, JsonTree]>) {}
}

/** The tree {@link parseJsonTree} returns. */
export type JsonTree = null | boolean | string | JsonNumber | JsonTree[] | JsonObject;

/** Raised for malformed JSON, duplicate member names, or values JSON cannot carry. */
export class JsonError extends Error {
  override name = "JsonError";
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Parses JSON text (RFC 8259, no duplicate member names) into a lossless tree. */
export function parseJsonTree(text: string): JsonTree {
  let at = 0;
  const fail = (what: string): never => {
    throw new JsonError(`${what} at offset ${at}`);
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at++;
  };
  const literal = (word: string, value: JsonTree): JsonTree => {
    if (!text.startsWith(word, at)) fail("unexpected token");
    at += word.length;
    return value;
  };
  const string = (): string => {
    at++; // opening quote
    let out = "";
    for (;;) {
      const c = text[at++];
      if (c === undefined) fail("unterminated string");
      if (c === '"') return out;
      if (c! < " ") fail("control character in string");
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = text[at++]!;
      if (e === "u") {
        const hex = text.slice(at, at + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        at += 4;
      } else if (e in ESCAPES) {
        out += ESCAPES[e];
      } else {
        fail("bad escape");
      }
    }
  };
  const value = (depth: number): JsonTree => {
    if (depth > 512) fail("nesting too deep");
    space();
    const c = text[at];
    if (c === "{") {
      at++;
      const members: [string, JsonTree][] = [];
      const seen = new Set<string>();
      space();
      if (text[at] === "}") {
        at++;
        return new JsonObject(members);
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail("expected a member name");
        const key = string();
        if (seen.has(key)) fail(`duplicate member ${JSON.stringify(key)}`);
        seen.add(key);
        space();
        if (text[at++] !== ":") fail("expected ':'");
        members.push([key, value(depth + 1)]);
        space();
        const next = text[at++];
        if (next === "}") return new JsonObject(members);
        if (next !== ",") fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      at++;
      const items: JsonTree[] = [];
      space();
      if (text[at] === "]") {
        at++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        const next = text[at++];
        if (next === "]") return items;
        if (next !== ",") fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true", true);
    if (c === "f") return literal("false", false);
    if (c === "n") return literal("null", null);
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (!m) return fail("unexpected token");
    at += m[0].length;
    return new JsonNumber(m[0]);
  };
  const result = value(0);
  space();
  if (at !== text.length) fail("trailing text");
  return result;
}

/**
 * Writes a JavaScript value as JSON text, like `JSON.stringify` but with `bigint` written as its
 * exact digits and with non-finite numbers refused (JSON cannot carry them; DESIGN §4 makes them
 * a 400). A {@link JsonNumber} is written as its source text.
 */
export function toJsonText(value: unknown): string {
  const out = write(value, new Set());
  if (out === undefined) throw new JsonError("value cannot be written as JSON");
  return out;
}

function write(value: unknown, stack: Set<object>): string | undefined {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      if (!Number.isFinite(value)) throw new JsonError(`${value} cannot be sent as JSON`);
      return JSON.stringify(value);
    case "object":
      break;
    default:
      return undefined; // undefined, functions and symbols are skipped, as JSON.stringify does
  }
  if (value === null) return "null";
  if (value instanceof JsonNumber) return value.text;
  if (stack.has(value)) throw new JsonError("cyclic value");
  stack.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v) => write(v, stack) ?? "null").join(",")}]`;
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const text = write(v, stack);
      if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
    }
    return `{${parts.join(",")}}`;
  } finally {
    stack.delete(value);
  }
}
