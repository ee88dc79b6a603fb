/**
 * Lossless JSON reading and `bigint`-aware JSON writing.
 *
 * `JSON.parse` turns 12345678901234567890 into 12345678901234567000, but docs/internals/key-derivation.md canonicalises
 * the params *as sent on the wire*, so the canonicaliser must see a number's exact text.
 * {@link parseJson} therefore hides every number token in a marked string before `JSON.parse`
 * sees it: the mark is a lone surrogate, which no accepted string may hold (docs/internals/key-derivation.md makes lone
 * surrogates a 400), so a marked string is always a number.
 */

/** Starts a string that stands for a number token (the rest of the string is its text). */
export const NUMBER_MARK = "\uDFFF";

/** A JSON number given by its exact text, for values a JS `number` cannot hold. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** Raised for malformed JSON or values JSON cannot carry. */
export class JsonError extends Error {
  override name = "JsonError";
}

// A string token, or a number token outside strings (strings are matched first, left to right).
const TOKEN = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Throws a {@link JsonError} naming what JSON (under docs/internals/key-derivation.md) cannot carry. */
export function fail(what: string): never {
  throw new JsonError(`cannot be sent as JSON: ${what}`);
}

/** The string itself, unless it holds a lone surrogate (a 400, docs/internals/key-derivation.md). */
function checked(text: string): string {
  // String.prototype.isWellFormed is ES2024 (every browser since 2023, Node 20): typed here, so
  // that these sources still compile under lib ES2022
  return (text as string & { isWellFormed(): boolean }).isWellFormed() ? text : fail("lone surrogate");
}

/**
 * Parses JSON text with every number kept as a string `NUMBER_MARK + text`. Refuses malformed
 * JSON and lone surrogates. Duplicate member names are not detected (the last one wins, as in
 * `JSON.parse`): the kernel only reads JSON that it or the server wrote.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(
      text.replace(TOKEN, (token) => {
        if (token[0] !== '"') return `"${NUMBER_MARK}${token}"`;
        checked(JSON.parse(token) as string);
        return token;
      }),
    );
  } catch (e) {
    throw e instanceof JsonError ? e : new JsonError((e as Error).message);
  }
}

/**
 * Writes a value as JSON text, like `JSON.stringify` but with `bigint` and {@link JsonNumber}
 * written as their exact digits, and non-finite numbers refused (a 400, docs/internals/key-derivation.md).
 */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "bigint" || v instanceof JsonNumber
      ? NUMBER_MARK + ((v as JsonNumber).text ?? v) // a bigint has no `text`
      : typeof v === "number" && !isFinite(v)
        ? fail(`${v}`)
        : typeof v === "string"
          ? checked(v)
          : v,
  );
  // A mark is a lone surrogate, which JSON.stringify writes as the escape \udfff.
  return text === undefined ? fail("undefined") : text.replace(/"\\udfff([^"]*)"/g, "$1");
}
