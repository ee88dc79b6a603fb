// Builds the sample's page with esbuild (run by the Maven build, see pom.xml):
//   node build.mjs <classes dir> <web dir>
//   <classes dir>/mizan-ssr/server.mjs  the server bundle (mizan.ssr.bundle=classpath:mizan-ssr/server.mjs)
//   <web dir>/static/home.js           the browser bundle the page loads
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [classes, web] = process.argv.slice(2);
// @mizan/base from its TypeScript sources in this repository (esbuild compiles them)
const alias = { "@mizan/base": join(here, "../../../../../mizan-js/packages/base/src/index.ts") };
const common = { bundle: true, alias, jsx: "automatic", logLevel: "warning", absWorkingDir: here, define: { "process.env.NODE_ENV": '"production"' } };

await Promise.all([
  build({
    ...common,
    entryPoints: [join(here, "server.jsx")],
    outfile: join(classes, "mizan-ssr", "server.mjs"),
    platform: "node",
    format: "esm",
    // react-dom/server's CommonJS parts require Node built-ins
    banner: { js: 'import { createRequire as __mizanRequire } from "node:module"; const require = __mizanRequire(import.meta.url);' },
  }),
  build({ ...common, entryPoints: [join(here, "client.jsx")], outfile: join(web, "static", "home.js"), platform: "browser", format: "esm", minify: true }),
]);
