import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { JsonError, JsonNumber, stableKey } from "../src/index.js";
import { encodeParams } from "../src/keys.js";
import { canonicalize, canonicalizeParamsText } from "../src/keys.js";

const rfc = join(import.meta.dirname, "rfc8785");

describe("RFC 8785 reference data", () => {
  const files = readdirSync(join(rfc, "input"));
  test("is all there", () => {
    expect(files.sort()).toEqual(["arrays.json", "french.json", "structures.json", "unicode.json", "values.json", "weird.json"]);
  });
  test.each(files)("%s canonicalises byte for byte", (file) => {
    const input = readFileSync(join(rfc, "input", file), "utf8");
    const expected = readFileSync(join(rfc, "output", file));
    expect(Buffer.from(canonicalize(input), "utf8").equals(expected)).toBe(true);
  });
});

describe("the param rules of docs/internals/key-derivation.md", () => {
  test("drop null members at any depth but keep array elements", () => {
    expect(canonicalizeParamsText('{"a":null,"b":{"c":null,"d":[null,{"e":null}]}}')).toBe('{"b":{"d":[null,{}]}}');
  });
  test("turn integers beyond ±(2^53 − 1) into strings of their exact digits, at any depth", () => {
    expect(canonicalizeParamsText('{"a":9007199254740991,"b":9007199254740992,"c":[-9007199254740993]}')).toBe(
      '{"a":9007199254740991,"b":"9007199254740992","c":["-9007199254740993"]}',
    );
  });
  test("leave non-integer literals as JCS numbers", () => {
    expect(canonicalizeParamsText('{"a":1.0,"b":1e2,"c":12345678901234567890.5}')).toBe('{"a":1,"b":100,"c":12345678901234567000}');
  });
  test("pure RFC 8785 keeps nulls and big integers as numbers", () => {
    expect(canonicalize('{"a":null,"b":9007199254740993}')).toBe('{"a":null,"b":9007199254740992}');
  });
  test("refuse lone surrogates, out-of-range numbers, malformed JSON and non-objects", () => {
    expect(() => canonicalizeParamsText('{"a":"\\ud800"}')).toThrow(JsonError);
    expect(() => canonicalizeParamsText('{"a":"\\udc00x"}')).toThrow(/lone surrogate/);
    expect(() => canonicalizeParamsText('{"a":1e400}')).toThrow(/out of range/);
    expect(() => canonicalizeParamsText("[1]")).toThrow(/object/);
    expect(() => canonicalizeParamsText('{"a":01}')).toThrow(JsonError);
    expect(() => canonicalizeParamsText('{"a":1.}')).toThrow(JsonError);
    expect(() => canonicalizeParamsText('{"a":"x\\q"}')).toThrow(JsonError);
    expect(() => encodeParams({ s: "\ud800" }, { s: "string" })).toThrow(JsonError);
    expect(() => encodeParams({ o: { k: "\udfff1" } }, { o: "object" })).toThrow(JsonError);
  });
});

describe("encodeParams", () => {
  test("sorts by name, sends string-typed params raw and the rest as JSON text, encodeURIComponent'd", () => {
    const encoded = encodeParams(
      { z: "a b&c", list: 3, tags: ["x", "y"], when: "2024-01-02", flag: true, filter: { k: 1 } },
      { z: "string", list: "integer", tags: "array", when: { type: "string" }, flag: "boolean", filter: "object" },
    );
    expect(encoded.query).toBe(
      "filter=%7B%22k%22%3A1%7D&flag=true&list=3&tags=%5B%22x%22%2C%22y%22%5D&when=2024-01-02&z=a%20b%26c",
    );
    expect(encoded.canonical).toBe('{"filter":{"k":1},"flag":true,"list":3,"tags":["x","y"],"when":"2024-01-02","z":"a b&c"}');
  });
  test("a Date travels as Java writes an Instant, the text the server's invalidations name it by", () => {
    // java.time.Instant.toString() (and JSON-B) of 2024-01-02T03:04:05Z and of that plus 6 ms
    expect(encodeParams({ at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }, { at: "string" }).canonical).toBe('{"at":"2024-01-02T03:04:05Z"}');
    expect(encodeParams({ at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }, { at: "string" }).canonical).toBe('{"at":"2024-01-02T03:04:05.006Z"}');
  });
  test("a string param that is not exactly string-typed travels as JSON text", () => {
    expect(encodeParams({ s: "hi" }, { s: "object" }).query).toBe("s=%22hi%22");
  });
  test("leaves out absent and null params", () => {
    expect(encodeParams({ a: undefined, b: null, c: 1 }, { a: "integer", b: "string", c: "integer" })).toEqual({
      query: "c=1",
      canonical: '{"c":1}',
    });
    expect(encodeParams(undefined)).toEqual({ query: "", canonical: "{}" });
  });
  test("big integers keep every digit as a bigint, a JsonNumber or a digit string for an integer param", () => {
    const digits = "12345678901234567890";
    const expected = { query: `id=${digits}`, canonical: `{"id":"${digits}"}` };
    expect(encodeParams({ id: BigInt(digits) }, { id: "integer" })).toEqual(expected);
    expect(encodeParams({ id: new JsonNumber(digits) }, { id: "integer" })).toEqual(expected);
    expect(encodeParams({ id: digits }, { id: "integer" })).toEqual(expected);
    expect(encodeParams({ ids: [BigInt(digits)] }, { ids: "array" }).canonical).toBe(`{"ids":["${digits}"]}`);
  });
  test("BigDecimal travels as a string and stays one", () => {
    expect(encodeParams({ price: "1.50" }, { price: "string" }).canonical).toBe('{"price":"1.50"}');
  });
  test("without types a string is sent raw and other values as JSON", () => {
    expect(encodeParams({ q: "x", n: 2 }).query).toBe("n=2&q=x");
  });
  test("refuses NaN and infinities", () => {
    expect(() => encodeParams({ x: NaN }, { x: "number" })).toThrow(JsonError);
    expect(() => encodeParams({ x: [Infinity] }, { x: "array" })).toThrow(JsonError);
  });
  test("empty strings survive, as keys and values", () => {
    expect(encodeParams({ q: "", o: { "": "" } }, { q: "string", o: "object" })).toEqual({
      query: "o=%7B%22%22%3A%22%22%7D&q=",
      canonical: '{"o":{"":""},"q":""}',
    });
  });
  test("a number for a string-typed param (a BigDecimal) is sent in plain notation, as toPlainString", () => {
    const sent = (amount: unknown) => encodeParams({ amount }, { amount: "string" }).query;
    expect(sent(new JsonNumber("1.5e3"))).toBe("amount=1500");
    expect(sent(new JsonNumber("12.50"))).toBe("amount=12.50");
    expect(sent(new JsonNumber("-0.00"))).toBe("amount=0.00");
    expect(sent(new JsonNumber("-1.25E-2"))).toBe("amount=-0.0125");
    expect(sent(new JsonNumber("0e5"))).toBe("amount=0");
    expect(sent(1e21)).toBe("amount=1000000000000000000000");
    expect(sent(1e-7)).toBe("amount=0.0000001");
    expect(sent(12345678901234567890n)).toBe("amount=12345678901234567890");
    expect(encodeParams({ amount: new JsonNumber("1e-3") }, { amount: "string" }).canonical).toBe('{"amount":"0.001"}');
    expect(() => sent(new JsonNumber("1e1001"))).toThrow(JsonError);
    expect(() => sent(NaN)).toThrow(JsonError);
  });
  test("stableKey is name|canonical", () => {
    expect(stableKey("todos", { list: 3, gone: null })).toBe('todos|{"list":3}');
  });
});
