/**
 * Canonical params, stable keys and cache keys, byte-exact with the server (docs/reference/protocol.md, docs/internals/key-derivation.md).
 *
 * The canonical form is computed from the JSON *text* the client puts on the wire, read back
 * losslessly, so that what is hashed here is what the server hashes.
 */
import { JsonError, JsonNumber, NUMBER_MARK, parseJson, toJsonText } from "./json.js";

/**
 * A param's schema type as codegen emits it: the JSON Schema `type` keyword
 * (`"string"`, `"integer"`, ...), or the param's JSON Schema itself. Only "exactly `string`"
 * matters on the wire: such a param is sent raw, any other as JSON text (docs/reference/protocol.md).
 */
export type ParamType = "string" | "integer" | "number" | "boolean" | "array" | "object" | { readonly type?: unknown };

/** The param types of a context, by param name. */
export type ParamTypes = Readonly<Record<string, ParamType>>;

/** The params of one read, already encoded for the wire and for caching. */
export interface EncodedParams {
  /** RFC 8785 form of the params under Mizan's cache-key rules (docs/reference/protocol.md, "Cache keys"); `{}` when there are none. */
  readonly canonical: string;
  /** Query string without `?`: params sorted by name, each `encodeURIComponent`-encoded. */
  readonly query: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** RFC 8785 (JSON Canonicalization Scheme) of a JSON text. Nothing is dropped or rewritten. */
export function canonicalize(jsonText: string): string {
  return serialize(parseJson(jsonText), false);
}

/**
 * The canonical form of a params object given as JSON text, under docs/internals/key-derivation.md: null object members
 * are left out at any depth (array elements stay), integer literals beyond ±(2^53 − 1) become
 * strings of their exact digits, then RFC 8785.
 */
export function canonicalizeParamsText(jsonText: string): string {
  const tree = parseJson(jsonText);
  if (!isObject(tree)) throw new JsonError("params must be a JSON object");
  return serialize(tree, true);
}

/** The JSON Schema `type` of a param type. */
function typeName(type: ParamType | undefined): unknown {
  return typeof type === "object" ? type?.type : type;
}

/** Whether a param's schema type is exactly `string`, so its value travels raw (docs/reference/protocol.md). */
export function isStringTyped(type: ParamType | undefined): boolean {
  return typeName(type) === "string";
}

/**
 * Encodes a read's params for the URL and for the canonical form.
 *
 * - Absent (`undefined`) and `null` params are not sent.
 * - A string-typed param is sent raw: a string as is, a `Date` as ISO-8601 text as Java writes an
 *   `Instant` (`2024-01-02T03:04:05Z`, `2024-01-02T03:04:05.006Z`), a number (a
 *   `BigDecimal` given as a number) in plain decimal notation as `BigDecimal.toPlainString()`
 *   writes it (`1.5e3` → `1500`, `12.50` → `12.50`), anything else through `String()`.
 * - Any other param is sent as JSON text. A big integer must not pass through a JS `number`
 *   (it would lose digits): pass a `bigint` or a {@link JsonNumber}, or, for an `integer` or
 *   `number` param, a string holding a JSON number, which is sent as that bare number.
 * - Without a known type (a context registered by name only), a string value is sent raw and
 *   anything else as JSON text.
 */
export function encodeParams(params: Readonly<Record<string, unknown>> | undefined, types?: ParamTypes): EncodedParams {
  const wire: [name: string, raw: string, json: string][] = [];
  for (const name of Object.keys(params ?? {}).sort()) {
    const value = params![name];
    if (value == null) continue; // absent or null: not sent
    const type = typeName(types?.[name]);
    let raw: string;
    let json: string;
    if (type === "string" || (type === undefined && typeof value === "string")) {
      raw =
        value instanceof Date
          ? value.toISOString().replace(/\.000Z$/, "Z") // as Java writes an Instant: no fraction when it is 0
          : typeof value === "number" || typeof value === "bigint" || value instanceof JsonNumber
            ? plain(String(value instanceof JsonNumber ? value.text : value))
            : String(value);
      json = JSON.stringify(raw);
    } else {
      const numeric = (type === "integer" || type === "number") && typeof value === "string" && JSON_NUMBER.test(value);
      raw = json = numeric ? (value as string) : toJsonText(value);
    }
    if (json !== "null") wire.push([name, raw, json]);
  }
  return {
    // the object text is built here, so it is an object: no need for canonicalizeParamsText's check
    canonical: serialize(parseJson(`{${wire.map(([name, , json]) => `${JSON.stringify(name)}:${json}`).join(",")}}`), true),
    query: wire.map(([name, raw]) => `${encodeURIComponent(name)}=${encodeURIComponent(raw)}`).join("&"),
  };
}

/**
 * A number literal in plain decimal notation, as Java's `BigDecimal.toPlainString()` writes it:
 * the exponent expanded, fraction digits kept, no negative zero. Scales beyond ±1000 are refused.
 */
function plain(literal: string): string {
  const [, sign, int, fraction = "", exponent = 0] = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(literal) ?? [];
  const scale = fraction.length - Number(exponent);
  if (!int || !(Math.abs(scale) <= 1000)) throw new JsonError(`not a decimal: ${literal}`);
  // BigInt drops leading zeros; a negative scale appends zeros, a positive one places the point
  let digits = String(BigInt(int + fraction) * 10n ** BigInt(Math.max(-scale, 0))).padStart(scale + 1, "0");
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return (sign && /[1-9]/.test(digits) ? "-" : "") + digits;
}

/** The canonical params of a read (docs/internals/key-derivation.md). */
export function canonicalParams(params: Readonly<Record<string, unknown>> | undefined, types?: ParamTypes): string {
  return encodeParams(params, types).canonical;
}

/** `name + "|" + canonical`: the client's dedup key and the SSR seed key (docs/internals/key-derivation.md). */
export function stableKey(name: string, params?: Readonly<Record<string, unknown>>, types?: ParamTypes): string {
  return `${name}|${canonicalParams(params, types)}`;
}

/** The canonical text of one JSON value under the param rules of docs/internals/key-derivation.md (used to compare param values). */
export function canonicalValue(value: unknown): string {
  return serialize(value, true);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** RFC 8785 of a {@link parseJson} result; `paramRules` adds the cache-key rules (docs/reference/protocol.md, "Cache keys"). */
function serialize(node: unknown, paramRules: boolean): string {
  if (typeof node === "string") {
    // ES string escaping is exactly RFC 8785 §3.2.2.2; a marked string is a number token.
    return node[0] === NUMBER_MARK ? number(node.slice(1), paramRules) : JSON.stringify(node);
  }
  if (Array.isArray(node)) return `[${node.map((item) => serialize(item, paramRules)).join(",")}]`;
  if (!isObject(node)) return JSON.stringify(node); // null, true, false
  // Sorted by UTF-16 code units (RFC 8785 §3.2.3), which is how JS compares strings.
  const keys = Object.keys(node)
    .filter((key) => !(paramRules && node[key] === null))
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${serialize(node[key], paramRules)}`).join(",")}}`;
}

function number(text: string, paramRules: boolean): string {
  if (paramRules && INTEGER.test(text)) {
    const big = BigInt(text);
    if (big > MAX_SAFE || big < -MAX_SAFE) return JSON.stringify(big.toString());
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new JsonError(`number out of range: ${text}`);
  return JSON.stringify(value); // ES Number serialisation is exactly RFC 8785 §3.2.2.3
}
