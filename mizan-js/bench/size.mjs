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
// `@mizan/base/form` (query-core has no forms), `@mizan/base/keys` (cache keys for edge code:
// a page never holds the secret) and `@mizan/base/events` (live updates over SSE: query-core has
// none) are printed beside them, with the main entry plus mutation state (query-core's count holds
// its mutation cache) and every entry together. Sizes are deterministic: the same inputs give the
// same bytes on every run.
//
// `--modules` also prints, for the two target rows, what each source module costs: its minified
// bytes (attributed through the bundle's source map) and the gzip bytes the bundle loses without
// them (the sum exceeds the total a little: gzip shares repeated text across modules).
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
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
  const result = await bundle(specifiers, false);
  const code = result.outputFiles[0].contents;
  return { label, specifiers, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

function bundle(specifiers, sourcemap) {
  return build({
    stdin: { contents: specifiers.map((s) => `export * from ${JSON.stringify(s)};`).join("\n"), resolveDir: root, loader: "js", sourcefile: "entry.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["react", "react-dom", "react/*", "vue", "svelte", "svelte/*"],
    write: false,
    legalComments: "none",
    logLevel: "error",
    ...(sourcemap ? { sourcemap: "external", outfile: "bundle.js" } : {}),
  });
}

/** Per source module of a row: minified bytes, and gzip bytes saved by leaving them out. */
async function modules(row) {
  const result = await bundle(row.specifiers, true);
  const code = result.outputFiles.find((f) => f.path.endsWith(".js")).text;
  const map = new SourceMap(JSON.parse(result.outputFiles.find((f) => f.path.endsWith(".map")).text));
  // each character belongs to the source of the nearest mapping at or before it
  const owners = [];
  code.split("\n").forEach((line, row) => {
    for (let column = 0; column <= line.length; column++) owners.push(map.findEntry(row, column)?.originalSource ?? "(bundle)");
  });
  const total = gzipSync(code, { level: 9 }).length;
  const out = [];
  for (const source of new Set(owners)) {
    const rest = code.split("").filter((_, i) => owners[i] !== source).join("");
    out.push({ source: source.replace(/^.*\/packages\//, "").replace(/^.*node_modules\//, ""), minified: code.length - rest.length, gzip: total - gzipSync(rest, { level: 9 }).length });
  }
  return out.sort((a, b) => b.gzip - a.gzip);
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
  [await measure("@mizan/base/events", "@mizan/base/events"), queryCore],
  [await measure("@mizan/base + /mutation", "@mizan/base", "@mizan/base/mutation"), queryCore],
  [await measure("@mizan/base (all entries)", "@mizan/base", "@mizan/base/form", "@mizan/base/mutation", "@mizan/base/keys", "@mizan/base/events"), queryCore],
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
if (process.argv.includes("--modules")) {
  for (const row of [base, react]) {
    console.log(`\n${row.label}: per module`);
    for (const m of await modules(row)) console.log(`  ${m.source.padEnd(42)} minified ${String(m.minified).padStart(7)} B   gzip ${String(m.gzip).padStart(6)} B`);
  }
}
process.exitCode = ok ? 0 : 1;
