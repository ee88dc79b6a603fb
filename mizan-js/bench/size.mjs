#!/usr/bin/env node
// Size of the Mizan client next to TanStack Query, both sides measured the same way in the same
// run: `export * from "<package>"` resolved as a browser bundler resolves it (ESM: the `import` /
// `browser` / `default` export conditions, so neither side's CommonJS build is picked), bundled
// with esbuild (ESM, browser, es2022, minified), then gzip -9. Frameworks
// (react, vue, svelte) are external on both sides. `@mizan/react` is measured together with
// `@mizan/base`'s main entry (export * from both): an application configures its client from
// `@mizan/base`, so that is what a React page carries; `@tanstack/react-query` re-exports all of
// query-core, so its own `export *` already holds both.
// Mizan is measured from its built packages (`npm ci` builds them): what an application installs.
//
// Targets: @mizan/base's main entry <= 0.33 x @tanstack/query-core, and @mizan/react (with the
// @mizan/base it pulls in) <= 0.33 x @tanstack/react-query (with the query-core it pulls in).
// `@mizan/base/mutation` (what the framework packages' useMutation wraps: it is in their rows),
// `@mizan/base/form` (query-core has no forms) and `@mizan/base/keys` (cache keys for edge code:
// a page never holds the secret) are printed beside them. Sizes are deterministic: the same inputs
// give the same bytes on every run.
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET = 0.33;

for (const pkg of ["base", "react"]) {
  if (!existsSync(join(root, "packages", pkg, "dist", "index.js"))) {
    console.error(`packages/${pkg} is not built: run npm ci (or npm run build) in mizan-js first`);
    process.exit(2);
  }
}

async function measure(label, ...specifiers) {
  const result = await build({
    stdin: { contents: specifiers.map((s) => `export * from ${JSON.stringify(s)};`).join("\n"), resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["react", "react-dom", "react/*", "vue", "svelte", "svelte/*"],
    write: false,
    legalComments: "none",
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  return { label, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const version = (name) => JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;

const queryCore = await measure(`@tanstack/query-core ${version("@tanstack/query-core")}`, "@tanstack/query-core");
const reactQuery = await measure(`@tanstack/react-query ${version("@tanstack/react-query")} (+ query-core)`, "@tanstack/react-query");
const base = await measure("@mizan/base", "@mizan/base");
const react = await measure("@mizan/react + @mizan/base", "@mizan/react", "@mizan/base");
const rows = [
  [base, queryCore],
  [await measure("@mizan/base/form", "@mizan/base/form"), queryCore],
  [await measure("@mizan/base/mutation", "@mizan/base/mutation"), queryCore],
  [await measure("@mizan/base/keys", "@mizan/base/keys"), queryCore],
  [await measure("@mizan/base (all entries)", "@mizan/base", "@mizan/base/form", "@mizan/base/mutation", "@mizan/base/keys"), queryCore],
  [queryCore],
  [react, reactQuery],
  [await measure("@mizan/vue + @mizan/base", "@mizan/vue", "@mizan/base"), undefined],
  [await measure("@mizan/svelte + @mizan/base", "@mizan/svelte", "@mizan/base"), undefined],
  [reactQuery],
];
const line = (r, against) =>
  `${r.label.padEnd(44)} minified ${String(r.minified).padStart(7)} B   gzip ${String(r.gzip).padStart(6)} B${against ? `   ratio ${(r.gzip / against.gzip).toFixed(3)}` : ""}`;
for (const [r, against] of rows) console.log(line(r, against));

let ok = true;
for (const [mine, theirs, what] of [
  [base, queryCore, "@mizan/base / @tanstack/query-core"],
  [react, reactQuery, "@mizan/react+base / @tanstack/react-query+core"],
]) {
  const ratio = mine.gzip / theirs.gzip;
  ok &&= ratio <= TARGET;
  console.log(`${what} (gzip) = ${ratio.toFixed(3)}, target <= ${TARGET}: ${ratio <= TARGET ? "OK" : "OVER TARGET"}`);
}
process.exitCode = ok ? 0 : 1;
