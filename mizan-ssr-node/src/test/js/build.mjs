// Builds the fixture bundles with esbuild (run by the tests' set-up): `node build.mjs <outdir>`.
//   server.mjs          the SSR bundle (React 19, Vue 3, Svelte 5 pages and the fault-test entries)
//   client-*.js         browser bundles that hydrate those pages (development builds, so that a
//                       hydration mismatch is reported on the console)
import { build } from "esbuild";
import sveltePlugin from "esbuild-svelte";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
// @mizan/base straight from its sources (read only): the page code uses the kernel, no generated adapters.
const alias = { "@mizan/base": join(here, "../../../../mizan-js/packages/base/src/index.ts") };
// The page reads its client prop once on purpose: the client never changes for a page's lifetime.
const quiet = (warning) => warning.code !== "state_referenced_locally";
const common = { bundle: true, alias, jsx: "automatic", logLevel: "warning", absWorkingDir: here };

await Promise.all([
  build({
    ...common,
    entryPoints: [join(here, "server.jsx")],
    outfile: join(out, "server.mjs"),
    platform: "node",
    format: "esm",
    define: { "process.env.NODE_ENV": '"production"' },
    conditions: ["svelte", "node"],
    // CommonJS parts of react-dom/server require Node built-ins
    banner: { js: 'import { createRequire as __mizanRequire } from "node:module"; const require = __mizanRequire(import.meta.url);' },
    plugins: [sveltePlugin({ compilerOptions: { generate: "server" }, filterWarnings: quiet })],
  }),
  ...["react", "vue", "svelte"].map((fw) =>
    build({
      ...common,
      entryPoints: [join(here, fw === "react" ? "client-react.jsx" : `client-${fw}.js`)],
      outfile: join(out, `client-${fw}.js`),
      platform: "browser",
      format: "esm",
      define: { "process.env.NODE_ENV": '"development"', __VUE_OPTIONS_API__: "true", __VUE_PROD_DEVTOOLS__: "false", __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "true" },
      conditions: ["svelte", "browser", "development"],
      plugins: [sveltePlugin({ compilerOptions: { dev: true }, filterWarnings: quiet })],
    }),
  ),
]);
console.log(`built into ${out}`);
