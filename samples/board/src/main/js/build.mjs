// Builds the board's front end with Vite (run by the Maven build, see pom.xml):
//   node build.mjs <schema.json> <classes dir> <web dir>
//   1. @mizan/codegen's Vite plugin writes src/main/js/generated/ from the schema the build just wrote;
//   2. <classes dir>/mizan-ssr/server.mjs  the server bundle (mizan.ssr.bundle=classpath:mizan-ssr/server.mjs);
//   3. <web dir>/static/board.js, board.css  the browser bundle and the style sheet the page loads.
import { build } from "vite";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [schema, classes, web] = process.argv.slice(2);
process.env.BOARD_SCHEMA = schema;
const common = { configFile: join(here, "vite.config.mjs") };

await build({
  ...common,
  build: { ssr: join(here, "server.jsx"), outDir: join(classes, "mizan-ssr"), emptyOutDir: false, rollupOptions: { output: { entryFileNames: "server.mjs" } } },
  // one self-contained file: the worker runs it with no node_modules beside it
  ssr: { noExternal: true, target: "node" },
});
await build({
  ...common,
  build: {
    outDir: join(web, "static"),
    emptyOutDir: false,
    rollupOptions: { input: join(here, "client.jsx"), output: { entryFileNames: "board.js", format: "es" } },
  },
});
await mkdir(join(web, "static"), { recursive: true });
await copyFile(join(here, "board.css"), join(web, "static", "board.css"));
