#!/usr/bin/env node
/**
 * Cache-key vectors in the other direction: computed by the TypeScript kernel from values a client
 * passes (Dates, bigints, BigDecimals held as numbers, undefined and null members...), written in
 * the TCK's vector format (docs/internals/key-derivation.md) with `params` as the JSON the kernel sends on the wire.
 * The Java implementation (mizan-cdi-extension's TypeScriptCacheKeyVectorsTest) and the Python
 * reference (mizan-tck/vectors/generate_cache_keys.py --verify) must reproduce every one.
 *
 *   node vectors/ts-cache-keys.mjs           rewrites vectors/ts-cache-keys.json (after `npm run build`)
 * The vitest suite checks that the committed file is exactly what the kernel computes now.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { JsonNumber } from "@mizan/base";
import { deriveCacheKey, encodeParams, isStringTyped } from "@mizan/base/keys";

const A = "ts-secret-A: not for production";
const B = "ts-secret-B \u00e9\u00e8 \uD83D\uDD11";

/** [secret, name, scope, paramTypes, params as a client passes them] */
export const CASES = [
  [A, "catalog", "public", {}, {}],
  [A, "todos", "user:alice", { list: "integer" }, { list: 3 }],
  [A, "todos", "user:J\u00fcrgen \u4e2d\u6587 \uD83D\uDE00", { list: "integer" }, { list: 3 }],
  [B, "todos", "public", { list: "integer" }, { list: 3 }],
  [A, "search", "public", { q: "string", page: "integer" }, { q: "caf\u00e9 \uD83D\uDE00 \"quoted\" \\ \n\t\u0001", page: undefined }],
  [A, "search", "public", { q: "string", since: "string" }, { q: "x", since: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }],
  [A, "search", "public", { q: "string", priority: "string" }, { priority: null, q: "top-level null is left out" }],
  [A, "big", "public", { id: "integer" }, { id: 9007199254740991n }],
  [A, "big", "public", { id: "integer" }, { id: 9007199254740992n }],
  [A, "big", "public", { id: "integer" }, { id: -12345678901234567890n }],
  [A, "big", "public", { id: "integer" }, { id: new JsonNumber("123456789012345678901234567890") }],
  [A, "big", "public", { id: "integer" }, { id: "18446744073709551615" }],
  [A, "price", "public", { amount: "string" }, { amount: 1.5e3 }],
  [A, "price", "public", { amount: "string" }, { amount: "12.50" }],
  [A, "price", "public", { amount: "string" }, { amount: new JsonNumber("-0.00") }],
  [A, "price", "public", { amount: "string" }, { amount: new JsonNumber("1.2345e-7") }],
  [A, "price", "public", { amount: "string" }, { amount: 12345678901234567890n }],
  [A, "floats", "public", { x: "number", y: "number", z: "number" }, { x: 0.1 + 0.2, y: 1e21, z: -0 }],
  [A, "floats", "public", { x: "number", y: "number" }, { x: 5e-324, y: 1.7976931348623157e308 }],
  [A, "flags", "public", { on: "boolean", off: "boolean" }, { on: true, off: false }],
  [
    A, "filter", "user:bob", { f: "object" },
    { f: { z: 1, a: { nested: null, kept: [null, 1, "two", { deep: undefined, x: null, y: 2 }] }, "\uD83D\uDE00": "non-BMP key", "\u00e9": 1, b: undefined } },
  ],
  [A, "tags", "public", { tags: "array" }, { tags: ["b", "a", null, "\u20ac"] }],
  [A, "tags", "public", { tags: "array" }, { tags: [] }],
  [A, "mixed", "public", { n: "integer", s: "string", o: "object" }, { s: "1", n: 1, o: {} }],
  [A, "untyped", "public", {}, { s: "raw string", n: 42, o: { k: [1.5, true] } }],
];

/** The vectors file's text; `params` is the wire JSON, written as text so big integers keep every digit. */
export async function vectorsText() {
  const lines = [];
  for (const [secret, name, scope, paramTypes, params] of CASES) {
    const { canonical, query } = encodeParams(params, paramTypes);
    // The query carries each param as sent: string-typed (or untyped strings) raw, the rest as JSON text.
    const wire = query === "" ? [] : query.split("&").map((pair) => pair.split("=").map(decodeURIComponent));
    const sentAsString = (param) => isStringTyped(paramTypes[param]) || (paramTypes[param] === undefined && typeof params[param] === "string");
    const paramsText = `{${wire.map(([k, raw]) => `${JSON.stringify(k)}: ${sentAsString(k) ? JSON.stringify(raw) : raw}`).join(", ")}}`;
    const key = await deriveCacheKey(secret, name, scope, canonical);
    lines.push(
      `  {"secret": ${JSON.stringify(secret)}, "name": ${JSON.stringify(name)}, "scope": ${JSON.stringify(scope)}, ` +
        `"paramTypes": ${JSON.stringify(paramTypes)}, "params": ${paramsText}, "canonical": ${JSON.stringify(canonical)}, ` +
        `"stableKey": ${JSON.stringify(`${name}|${canonical}`)}, "key": ${JSON.stringify(key)}}`,
    );
  }
  return `[\n${lines.join(",\n")}\n]\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL("./ts-cache-keys.json", import.meta.url));
  await writeFile(out, await vectorsText());
  console.log(`wrote ${CASES.length} vectors to ${out}`);
}
