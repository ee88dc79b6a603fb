/**
 * The vectors the TypeScript side writes for the Java and Python implementations to reproduce
 * (mizan-js/vectors/ts-cache-keys.json): the committed file must be what the kernel computes now.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { CASES, vectorsText } from "../../../vectors/ts-cache-keys.mjs";

const file = join(import.meta.dirname, "../../../vectors/ts-cache-keys.json");

test("the committed ts-cache-keys.json is what the kernel computes (rewrite: node vectors/ts-cache-keys.mjs)", async () => {
  expect(readFileSync(file, "utf8")).toBe(await vectorsText());
});

test("the cases cover what a client passes that JSON alone does not: Dates, bigints, decimals as numbers, undefined", () => {
  const values = CASES.flatMap(([, , , , params]) => Object.values(params));
  expect(values.some((v) => v instanceof Date)).toBe(true);
  expect(values.some((v) => typeof v === "bigint")).toBe(true);
  expect(values).toContain(undefined);
  expect(values).toContain(null);
  expect(new Set(CASES.map(([secret]) => secret)).size).toBeGreaterThanOrEqual(2);
  expect(CASES.some(([, , scope]) => scope.startsWith("user:") && /[^\x00-\x7f]/.test(scope))).toBe(true);
});
