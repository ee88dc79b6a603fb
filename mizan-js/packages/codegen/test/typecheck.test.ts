/**
 * The generated files (Stage 1 and every target) and code using them type-check with the
 * TypeScript most users run (5.x) and with TypeScript 7, resolving `@mizan/*` as an application
 * does: through node_modules to the built packages (`npm ci` builds them).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { adapterFile, asSchemaDocument, generateStage1, generateStage2, TARGETS, type SchemaDocument } from "../src/index.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../..");
const project = join(import.meta.dirname, "typecheck", "tsconfig.json");
const fixture = asSchemaDocument(JSON.parse(await readFile(join(import.meta.dirname, "fixtures", "schema.json"), "utf8")));

/** Schemas whose generated files use few of the names a file could import. */
const sparse: Record<string, SchemaDocument> = {
  // no context params (Vue's MaybeRefOrGetter unused), one function
  paramless: {
    ...fixture,
    contexts: [{ name: "tags", scope: "public", params: [], returns: { type: "array", items: { type: "string" } } }],
    functions: [{ name: "ping", params: [], returns: { type: "string" } }],
  },
  noFunctions: { ...fixture, functions: [] },
  noContexts: { ...fixture, contexts: [] },
  empty: { ...fixture, contexts: [], functions: [] },
};

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

  test(`the generated files import only what they use: they type-check with noUnusedLocals and noUnusedParameters (${label})`, async () => {
    // beside the generated fixtures, so that @mizan/* resolve through node_modules to the built packages
    const dir = await mkdtemp(join(import.meta.dirname, ".unused-"));
    try {
      const files: string[] = [];
      for (const [sub, doc] of Object.entries(sparse)) {
        await mkdir(join(dir, sub));
        await writeFile(join(dir, sub, "mizan.ts"), generateStage1(doc));
        for (const target of TARGETS) await writeFile(join(dir, sub, adapterFile(target)), generateStage2(doc, target));
        files.push(...["mizan.ts", ...TARGETS.map(adapterFile)].map((f) => `${sub}/${f}`));
      }
      const compilerOptions = {
        strict: true, noUnusedLocals: true, noUnusedParameters: true, noEmit: true,
        target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], skipLibCheck: true, types: [],
      };
      await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
      const result = await run(process.execPath, [join(root, compiler), "-p", dir]).catch((e: { stdout: string; stderr: string }) => e);
      expect(`${result.stdout}${result.stderr}`).toBe("");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
}
