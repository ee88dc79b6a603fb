/**
 * `@mizan/codegen/vite`: a Vite plugin that runs the generator when Vite starts (dev and build) and
 * again, in `vite dev`, whenever the schema file changes.
 *
 * ```ts
 * import { mizan } from "@mizan/codegen/vite";
 * export default { plugins: [mizan({ schema: "mizan-schema.json", out: "src/generated", targets: ["react"] })] };
 * ```
 */
import { resolve } from "node:path";
import { generate, type GenerateOptions } from "./index.js";
import { isSchemaUrl } from "./schema.js";

/** The parts of Vite's plugin API this plugin uses (so `@mizan/codegen` needs no Vite types). */
export interface MizanVitePlugin {
  readonly name: string;
  buildStart(): Promise<void>;
  configureServer(server: { readonly watcher: { add(path: string): unknown; on(event: "change" | "add", listener: (path: string) => void): unknown }; readonly config: { readonly logger: { info(message: string): void; error(message: string): void } } }): void;
}

export function mizan(options: GenerateOptions): MizanVitePlugin {
  const schemaFile = isSchemaUrl(options.schema) ? undefined : resolve(options.schema);
  return {
    name: "mizan-codegen",
    async buildStart() {
      await generate(options);
    },
    configureServer(server) {
      if (!schemaFile) return;
      server.watcher.add(schemaFile);
      const regenerate = (path: string) => {
        if (resolve(path) !== schemaFile) return;
        generate(options).then(
          (written) => written.length && server.config.logger.info(`mizan-codegen: regenerated ${written.join(", ")}`),
          (e: unknown) => server.config.logger.error(`MZJS00106 mizan-codegen: ${(e as Error).message}`),
        );
      };
      server.watcher.on("change", regenerate);
      server.watcher.on("add", regenerate);
    },
  };
}
