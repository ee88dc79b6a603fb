/**
 * The published build's source maps (`npm test` builds dist/ first): after mangle.mjs shortens
 * internal names, each dist/*.js still links its map, and the map leads every string literal of
 * the built code back to a line of src/ that holds the same literal.
 */
import { readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { expect, test } from "vitest";

const dist = join(import.meta.dirname, "..", "dist");
const files = readdirSync(dist).filter((f) => f.endsWith(".js"));

test("dist/ is built", () => {
  expect(files.length, "run npm run build in mizan-js first").toBeGreaterThan(5);
});

test.each(files)("dist/%s links a map that points into src/", (file) => {
  const code = readFileSync(join(dist, file), "utf8");
  expect(code.trimEnd().split("\n").at(-1)).toBe(`//# sourceMappingURL=${file}.map`);
  const map = new SourceMap(JSON.parse(readFileSync(join(dist, `${file}.map`), "utf8")));
  let checked = 0;
  code.split("\n").forEach((line, row) => {
    for (const literal of line.matchAll(/"[A-Za-z][\w /-]{5,}"/g)) {
      const entry = map.findEntry(row, literal.index);
      expect(entry, `${file}:${row + 1} ${literal[0]}`).toHaveProperty("originalSource");
      const source = readFileSync(join(dist, (entry as { originalSource: string }).originalSource), "utf8").split("\n");
      expect(source[(entry as { originalLine: number }).originalLine], `${file}:${row + 1} ${literal[0]}`).toContain(literal[0]);
      checked++;
    }
  });
  if (!/^(config|descriptors|store|index|keys|form|mutation)\.js$/.test(file)) expect(checked, `${file}: no literal checked`).toBeGreaterThan(0);
});
