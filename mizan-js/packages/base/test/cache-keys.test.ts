import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { stableKey, type ParamTypes } from "../src/index.js";
import { encodeParams } from "../src/keys.js";
import { deriveCacheKey } from "../src/keys.js";
import { JsonNumber, NUMBER_MARK, parseJson } from "../src/json.js";

interface Vector {
  secret: string;
  name: string;
  scope: string;
  paramTypes: ParamTypes;
  params: Record<string, unknown>;
  canonical: string;
  stableKey: string;
  key: string;
}

/** Reads vectors losslessly: big integers in `params` must reach the kernel with every digit. */
function load(file: string): Vector[] {
  // Numbers become JsonNumber, which the kernel writes as their source text.
  const toJs = (node: unknown): unknown => {
    if (typeof node === "string") return node[0] === NUMBER_MARK ? new JsonNumber(node.slice(1)) : node;
    if (Array.isArray(node)) return node.map(toJs);
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toJs(v)]));
  };
  const vectors = toJs(parseJson(readFileSync(file, "utf8"))) as Record<string, unknown>[];
  return vectors.map((v) => ({ ...v, paramTypes: v.paramTypes ?? {} }) as Vector);
}

function check(vectors: Vector[]) {
  test.each(vectors.map((v, i) => [i, v.name, v] as const))("vector %i (%s)", async (_i, _name, v) => {
    expect(encodeParams(v.params, v.paramTypes).canonical).toBe(v.canonical);
    expect(stableKey(v.name, v.params, v.paramTypes)).toBe(v.stableKey);
    expect(await deriveCacheKey(v.secret, v.name, v.scope, v.canonical)).toBe(v.key);
  });
}

describe("own vectors (canonical forms by hand, keys by Python's hmac)", () => {
  const vectors = load(join(import.meta.dirname, "vectors", "own-cache-keys.json"));
  test("cover big integers, non-BMP keys, floats, nulls", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
    expect(vectors.some((v) => Object.values(v.params).some((p) => p instanceof JsonNumber && p.text.length > 16))).toBe(true);
  });
  check(vectors);
});

describe("mizan-tck vectors/cache-keys.json", () => {
  // mizan-js sits beside mizan-tck in the repository
  const file = resolve(import.meta.dirname, "../../../../mizan-tck/src/main/resources/vectors/cache-keys.json");
  test("the TCK vector file exists", () => {
    expect(existsSync(file), `missing ${file}: the TCK's cache-key vectors must be checked in`).toBe(true);
  });
  if (existsSync(file)) {
    const vectors = load(file);
    test("is not empty", () => expect(vectors.length).toBeGreaterThan(0));
    check(vectors);
  }
});
