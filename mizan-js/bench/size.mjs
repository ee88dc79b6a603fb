#!/usr/bin/env node
// Size of @mizan/base next to @tanstack/query-core, each bundled the same way in the same run:
// every export of the entry point, esbuild (ESM, browser, es2022, minified), then gzip -9.
// Target (issue 4): @mizan/base at most a third of query-core. The main entry (what every page
// pays) is checked against it; `@mizan/base/form` (query-core has no forms), `@mizan/base/keys`
// (cache keys for edge code: a page never holds the secret) and the whole package are printed beside it.
import { build } from "esbuild";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const base = (file) => join(root, "packages/base/src", file);

async function measure(label, ...entries) {
  const result = await build({
    stdin: { contents: entries.map((e) => `export * from ${JSON.stringify(e)};`).join("\n"), resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    legalComments: "none",
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  return { label, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const { version } = require("@tanstack/query-core/package.json");
const query = await measure(`@tanstack/query-core ${version}`, require.resolve("@tanstack/query-core"));
const core = await measure("@mizan/base", base("index.ts"));
const rows = [
  core,
  await measure("@mizan/base/form", base("form.ts")),
  await measure("@mizan/base/keys", base("keys.ts")),
  await measure("@mizan/base (all entries)", base("index.ts"), base("form.ts"), base("keys.ts")),
  query,
];
for (const r of rows) {
  const ratio = r === query ? "" : `   ratio ${(r.gzip / query.gzip).toFixed(3)}`;
  console.log(`${r.label.padEnd(30)} minified ${String(r.minified).padStart(7)} B   gzip ${String(r.gzip).padStart(6)} B${ratio}`);
}
const ok = core.gzip * 3 <= query.gzip;
console.log(`@mizan/base / query-core (gzip) = ${(core.gzip / query.gzip).toFixed(3)}, target <= 0.333: ${ok ? "OK" : "OVER TARGET"}`);
process.exitCode = ok ? 0 : 1;
