#!/usr/bin/env node
// Size of @mizan/base next to @tanstack/query-core, each bundled the same way in the same run:
// every export of the package's entry, esbuild (ESM, browser, minified), then gzip -9.
// Target (issue 4): @mizan/base at most a third of query-core.
import { build } from "esbuild";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));

async function measure(label, entry) {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: root, loader: "js" },
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
  const gzip = gzipSync(code, { level: 9 }).length;
  return { label, minified: code.length, gzip };
}

const queryCore = require.resolve("@tanstack/query-core");
const { version } = require("@tanstack/query-core/package.json");
const rows = [
  await measure("@mizan/base", join(root, "packages/base/src/index.ts")),
  await measure(`@tanstack/query-core ${version}`, queryCore),
];
for (const r of rows) {
  console.log(`${r.label.padEnd(30)} minified ${String(r.minified).padStart(7)} B   gzip ${String(r.gzip).padStart(6)} B`);
}
const ratio = rows[0].gzip / rows[1].gzip;
console.log(`ratio (gzip) ${ratio.toFixed(3)}  target <= 0.333  ${ratio <= 1 / 3 ? "OK" : "OVER TARGET"}`);
process.exitCode = ratio <= 1 / 3 ? 0 : 1;
