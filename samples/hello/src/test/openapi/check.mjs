// Checks a Mizan OpenAPI document with tools Mizan does not write (docs/how-to/operations.md):
//   node check.mjs <file | http URL of /openapi> [HelloApi.java]
// 1. @apidevtools/swagger-parser validates it as OpenAPI 3 (structure and every $ref);
// 2. openapi-typescript generates a client's types from it and tsc --strict type-checks code using them;
// 3. each function's x-mizan-invalidates names the contexts its @Invalidates annotations in the
//    sample's Java source name (the expectation comes from the source, not from Mizan);
// 4. one operation per context and function the source declares (no more, no fewer), and no generic
//    {name} path.
// Exits non-zero with the reason on the first failure.
import SwaggerParser from "@apidevtools/swagger-parser";
import openapiTS, { astToString } from "openapi-typescript";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = process.argv[2];
const javaSource = process.argv[3] ?? join(here, "../../main/java/dev/mizan/samples/hello/HelloApi.java");
if (!source) {
  console.error("usage: node check.mjs <openapi.json | http://host/openapi> [HelloApi.java]");
  process.exit(2);
}

function fail(message) {
  console.error("FAIL: " + message);
  process.exit(1);
}

async function load() {
  if (!/^https?:/.test(source)) {
    return JSON.parse(readFileSync(source, "utf8"));
  }
  // SmallRye serves JSON for ?format=JSON, Liberty and Payara for Accept: application/json
  const url = source + (source.includes("?") ? "&" : "?") + "format=JSON";
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (!res.ok) fail(`${url}: HTTP ${res.status}`);
  return res.json();
}

const doc = await load();
const text = JSON.stringify(doc);

// 1. validation (validate() dereferences in place: give it a copy)
try {
  await SwaggerParser.validate(JSON.parse(text));
} catch (e) {
  fail("not a valid OpenAPI document: " + e.message);
}
console.log(`valid OpenAPI ${doc.openapi}, ${Object.keys(doc.paths).length} paths`);

// 4. operations
const mizanPaths = Object.keys(doc.paths).filter((p) => /\/mizan\//.test(p));
const generic = Object.keys(doc.paths).filter((p) => /\/mizan\/.*\{/.test(p));
if (generic.length) fail("generic Mizan paths still listed: " + generic.join(", "));
const contexts = mizanPaths.filter((p) => /\/ctx\/[^/]+$/.test(p));
const functions = mizanPaths.filter((p) => /\/call\/[^/]+$/.test(p));
for (const p of contexts) {
  const op = doc.paths[p].get;
  if (!op || !op["x-mizan-scope"] || !op["x-mizan-cache"]) fail(`${p}: no GET with x-mizan-scope and x-mizan-cache`);
}
for (const p of functions) {
  const op = doc.paths[p].post;
  if (!op || !Array.isArray(op["x-mizan-invalidates"])) fail(`${p}: no POST with x-mizan-invalidates`);
}
console.log(`contexts: ${contexts.map((p) => p.split("/").pop()).join(", ")}`);
console.log(`functions: ${functions.map((p) => p.split("/").pop()).join(", ")}`);

// the operations the Java source declares: @MizanContext(value = "x" ...) or @MizanContext("x"), and the
// method that follows each @MizanFunction (named after the method: the sample names none otherwise)
const java = readFileSync(javaSource, "utf8");
const declaredContexts = [...java.matchAll(/@MizanContext\((?:value\s*=\s*)?"([^"]+)"/g)].map((m) => m[1]).sort();
const declaredFunctions = [...java.matchAll(/@MizanFunction\s+(?:@\w+(?:\([^)]*\))?\s+)*public\s+[\w<>, ?]+\s+(\w+)\s*\(/g)]
  .map((m) => m[1]).sort();
if (declaredContexts.length === 0 || declaredFunctions.length === 0) fail(`no @MizanContext or @MizanFunction found in ${javaSource}`);
const listed = (paths) => paths.map((p) => p.split("/").pop()).sort();
if (JSON.stringify(listed(contexts)) !== JSON.stringify(declaredContexts)) {
  fail(`the document lists the contexts ${JSON.stringify(listed(contexts))}, the source declares ${JSON.stringify(declaredContexts)}`);
}
if (JSON.stringify(listed(functions)) !== JSON.stringify(declaredFunctions)) {
  fail(`the document lists the functions ${JSON.stringify(listed(functions))}, the source declares ${JSON.stringify(declaredFunctions)}`);
}

// 3. invalidations, expected from the Java source: @Invalidates("x") on the method that follows
const expected = new Map();
const re = /((?:\s*@Invalidates\("([^"]+)"\)\s*)+)(?:@\w+(?:\([^)]*\))?\s*)*public\s+[\w<>, ?]+\s+(\w+)\s*\(/g;
for (const m of java.matchAll(re)) {
  expected.set(m[3], [...m[1].matchAll(/@Invalidates\("([^"]+)"\)/g)].map((x) => x[1]).sort());
}
if (expected.size === 0) fail(`no @Invalidates found in ${javaSource}`);
for (const p of functions) {
  const name = p.split("/").pop();
  const found = doc.paths[p].post["x-mizan-invalidates"].map((e) => e.context).sort();
  const want = expected.get(name) ?? [];
  if (JSON.stringify(found) !== JSON.stringify(want)) {
    fail(`${name}: x-mizan-invalidates names ${JSON.stringify(found)}, the source says ${JSON.stringify(want)}`);
  }
  console.log(`  ${name} invalidates ${JSON.stringify(found)}`);
}
for (const name of expected.keys()) {
  if (!functions.some((p) => p.endsWith("/" + name))) fail(`function ${name} (with @Invalidates) is missing`);
}

// 2. a generated client that type-checks
const dir = mkdtempSync(join(tmpdir(), "mizan-openapi-"));
writeFileSync(join(dir, "api.ts"), astToString(await openapiTS(JSON.parse(text))));
const greeting = contexts.find((p) => p.endsWith("/greeting"));
const setGreeting = functions.find((p) => p.endsWith("/setGreeting"));
if (!greeting || !setGreeting) fail("samples/hello's greeting context or setGreeting function is missing");
writeFileSync(join(dir, "use.ts"), `import type { paths } from "./api";
type Read = paths["${greeting}"]["get"]["responses"]["200"]["content"]["application/json"];
type Body = paths["${setGreeting}"]["post"]["requestBody"]["content"]["application/json"];
type Result = paths["${setGreeting}"]["post"]["responses"]["200"]["content"]["application/json"];
export const read: Read = { exclamations: 1, text: "hi" };
export const body: Body = { text: "hi", exclamations: 2 };
export const result: Result = { result: read, invalidate: [{ context: "greeting" }] };
// @ts-expect-error: exclamations is an integer, not a string
export const bad: Body = { text: "hi", exclamations: "2" };
`);
try {
  execFileSync(join(here, "node_modules/.bin/tsc"),
    ["--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext",
      join(dir, "api.ts"), join(dir, "use.ts")], { stdio: "inherit" });
} catch (e) {
  fail("the generated client does not type-check (" + dir + ")");
}
console.log("openapi-typescript client type-checks");
rmSync(dir, { recursive: true, force: true }); // kept when the check fails (the message names it)
console.log("OK");
