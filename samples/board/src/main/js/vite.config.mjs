// Vite settings shared by the board's two bundles (build.mjs runs both). @mizan/codegen's Vite plugin
// writes ./generated/ from the schema the Maven build wrote (BOARD_SCHEMA) before anything is bundled.
import { join } from "node:path";
import { mizan } from "../../../../../mizan-js/packages/codegen/src/vite.ts";

const here = import.meta.dirname;
const packages = join(here, "../../../../../mizan-js/packages");

export default {
  root: here,
  logLevel: "warn",
  // @mizan/* from their TypeScript sources in this repository; one React for them and the page
  resolve: {
    alias: [
      { find: /^@mizan\/base\/(events|mutation|form|keys)$/, replacement: join(packages, "base/src/$1.ts") },
      { find: /^@mizan\/base$/, replacement: join(packages, "base/src/index.ts") },
      { find: /^@mizan\/react$/, replacement: join(packages, "react/src/index.ts") },
    ],
    dedupe: ["react", "react-dom"],
  },
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [mizan({ schema: process.env.BOARD_SCHEMA ?? join(here, "../../../target/mizan-schema.json"), out: join(here, "generated"), targets: ["react"] })],
};
