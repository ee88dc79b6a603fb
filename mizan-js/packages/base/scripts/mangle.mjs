#!/usr/bin/env node
// Shortens the kernel's internal property names in dist/ after tsc: every property whose name
// starts with one `_` (Entry's fields, the HTTP layer's methods) gets a short name, the same in
// every file (one mangle cache), so the published build is what a bundler would otherwise keep
// in full. Public names never start with `_`; `__` (type-only markers) is left alone.
// Nothing else changes: the output is not minified (docs/internals/client-kernel.md). Each file's
// source map is rewritten too (tsc's map chained through the mangling), so it still points into src/.
import { transform } from "esbuild";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const MAP_COMMENT = /\n\/\/# sourceMappingURL=\S+\s*$/;
let mangleCache = {};
for (const file of readdirSync(dist).filter((f) => f.endsWith(".js")).sort()) {
  const path = join(dist, file);
  const tscMap = readFileSync(`${path}.map`, "base64");
  // esbuild reads an input source map only from an inline comment
  const input = `${readFileSync(path, "utf8").replace(MAP_COMMENT, "")}\n//# sourceMappingURL=data:application/json;base64,${tscMap}\n`;
  const result = await transform(input, {
    loader: "js",
    format: "esm",
    target: "es2022",
    mangleProps: /^_[^_]/,
    mangleCache,
    legalComments: "inline",
    sourcemap: "external",
    sourcefile: file,
  });
  mangleCache = result.mangleCache;
  writeFileSync(path, `${result.code}//# sourceMappingURL=${file}.map\n`);
  writeFileSync(`${path}.map`, JSON.stringify({ ...JSON.parse(result.map), file }));
}
