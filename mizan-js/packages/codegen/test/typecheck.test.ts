/**
 * The generated files (Stage 1 and every target) and code using them type-check with the
 * TypeScript most users run (5.x) and with TypeScript 7, resolving `@mizan/*` as an application
 * does: through node_modules to the built packages (`npm ci` builds them).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../..");
const project = join(import.meta.dirname, "typecheck", "tsconfig.json");

for (const [label, compiler, major] of [
  ["TypeScript 5", "node_modules/typescript5/bin/tsc", "5."],
  ["TypeScript 7", "node_modules/typescript/bin/tsc", "7."],
] as const) {
  test(`the generated React, Vue and Svelte code type-checks with ${label}, and rejects misuse`, async () => {
    const tsc = join(root, compiler);
    expect(existsSync(tsc), `${tsc} is missing: run npm ci in mizan-js`).toBe(true);
    const version = await run(process.execPath, [tsc, "--version"]);
    expect(version.stdout).toContain(`Version ${major}`);
    for (const pkg of ["base", "react", "vue", "svelte"]) {
      expect(existsSync(join(root, "packages", pkg, "dist", "index.d.ts")), `@mizan/${pkg} is not built`).toBe(true);
    }
    const result = await run(process.execPath, [tsc, "-p", project]).catch((e: { stdout: string; stderr: string }) => e);
    expect(`${result.stdout}${result.stderr}`).toBe("");
  }, 60_000);
}
