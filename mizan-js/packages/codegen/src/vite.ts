/**
 * `@mizan/codegen/vite`: a Vite plugin that runs the generator when Vite starts (dev and build) and
 * again, in `vite dev`, whenever the schema file changes (docs/reference/client.md).
 *
 * ```ts
 * import { mizan } from "@mizan/codegen/vite";
 * export default { plugins: [mizan({ schema: "mizan-schema.json", out: "src/generated", targets: ["react"] })] };
 * ```
 */
import { resolve } from "node:path";
import { generate, type GenerateOptions } from "./index.js";
import { failureLine, isSchemaUrl } from "./schema.js";

/** The parts of Vite's dev server this plugin uses (so `@mizan/codegen` needs no Vite types). */
export interface MizanDevServer {
  readonly watcher: { add(path: string): unknown; on(event: "change" | "add", listener: (path: string) => void): unknown };
  /** Vite's error overlay: an `error` shows, a `full-reload` clears it. */
  readonly ws: { send(payload: { type: "error"; err: { message: string; stack: string; plugin?: string } } | { type: "full-reload" }): void };
  readonly config: { readonly logger: { info(message: string): void; error(message: string): void } };
}

/** The parts of Vite's plugin API this plugin uses. */
export interface MizanVitePlugin {
  readonly name: string;
  buildStart(): Promise<void>;
  configureServer(server: MizanDevServer): void;
}

export function mizan(options: GenerateOptions): MizanVitePlugin {
  const schemaFile = isSchemaUrl(options.schema) ? undefined : resolve(options.schema);
  let server: MizanDevServer | undefined; // in vite dev
  let failed = false; // the overlay shows a failure
  let queue: Promise<void> = Promise.resolve();
  const once = async () => {
    try {
      const written = await generate(options);
      if (written.length) server?.config.logger.info(`mizan-codegen: wrote ${written.join(", ")}`);
      if (failed) server?.ws.send({ type: "full-reload" });
      failed = false;
    } catch (e) {
      const message = failureLine(e, "MZJS00106");
      if (!server) throw new Error(message, { cause: e }); // vite build fails, with the code the overlay shows
      // vite dev keeps running: the schema file may not be there yet, or be half-written
      server.config.logger.error(message);
      server.ws.send({ type: "error", err: { message, stack: "", plugin: "mizan-codegen" } });
      failed = true;
    }
  };
  // one run at a time, in order, as the CLI's --watch: the last change is the last run
  const run = () => (queue = queue.catch(() => {}).then(once));
  return {
    name: "mizan-codegen",
    buildStart: run,
    configureServer(devServer) {
      server = devServer; // vite dev: a failed run is shown, never fatal, also for a URL (a server not up yet)
      if (!schemaFile) return; // a URL is read once, when Vite starts
      devServer.watcher.add(schemaFile);
      const changed = (path: string) => {
        if (resolve(path) === schemaFile) void run();
      };
      devServer.watcher.on("change", changed);
      devServer.watcher.on("add", changed);
    },
  };
}
