import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const base = (file: string) => fileURLToPath(new URL(`./packages/base/src/${file}`, import.meta.url));
const dist = (file: string) => fileURLToPath(new URL(`./packages/base/dist/${file}`, import.meta.url));
const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  // Svelte components and .svelte.ts rune modules in the adapter tests (compiled for the client).
  plugins: [svelte({ compilerOptions: { dev: false } })],
  resolve: {
    // Generated code imports "@mizan/base" and "@mizan/<framework>"; the tests run it against their sources.
    alias: [
      { find: "@mizan/react", replacement: pkg("react") },
      { find: "@mizan/vue", replacement: pkg("vue") },
      { find: "@mizan/svelte", replacement: pkg("svelte") },
      { find: /^@mizan\/base$/, replacement: base("index.ts") },
      { find: /^@mizan\/base\/(form|keys|mutation)$/, replacement: base("$1.ts") },
    ],
  },
  test: {
    testTimeout: 10_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["packages/*/test/**/*.test.{ts,tsx}"], exclude: ["**/svelte.test.ts", "packages/svelte/test/**"] } },
      {
        // Svelte must load its client build (mount), as a browser bundler would pick it.
        extends: true,
        resolve: { conditions: ["browser"] },
        test: { name: "svelte", include: ["packages/*/test/**/svelte.test.ts", "packages/svelte/test/**/*.test.ts"], server: { deps: { inline: [/svelte/] } } },
      },
      {
        // The kernel's tests again, against the built package (`npm test` builds it first): the
        // build shortens internal property names (packages/base/scripts/mangle.mjs), so the
        // published code is tested, not only its sources. Every entry is its built file here
        // (index, form, mutation, keys, events; json too, whose JsonNumber the keys tests pass in), so
        // no test mixes a built module with a source one; these aliases come before the shared ones.
        extends: true,
        resolve: {
          alias: [
            { find: /^\.\.\/src\/(index|form|mutation|keys|events|json)\.js$/, replacement: dist("$1.js") },
            // what vectors/ts-cache-keys.mjs imports (ts-vectors.test.ts)
            { find: /^@mizan\/base$/, replacement: dist("index.js") },
            { find: /^@mizan\/base\/(form|keys|mutation|events)$/, replacement: dist("$1.js") },
          ],
        },
        test: { name: "dist", include: ["packages/base/test/{contexts,calls,v5,live,tabs,hydrate,form,cache-keys,canonical,ts-vectors}.test.ts"] },
      },
    ],
  },
});
