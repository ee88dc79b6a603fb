/** `mizan-codegen --schema <file|url> --out <dir> [--target react,vue,svelte] [--base <module>] [--check | --watch]` */
import { existsSync, watchFile } from "node:fs";
import { parseArgs } from "node:util";
import { generate, stale, type GenerateOptions } from "./index.js";
import { failureLine, isSchemaUrl } from "./schema.js";
import { TARGETS, type Target } from "./stage2.js";

const USAGE =
  "usage: mizan-codegen --schema <file|url> --out <dir> [--target react,vue,svelte]... [--base <module>] [--check | --watch]\n" +
  "  writes <dir>/mizan.ts (types, descriptors) and one file of hooks per --target (mizan.react.ts, mizan.vue.ts, mizan.svelte.ts)\n" +
  "  --check  writes nothing; fails (exit 1) when a generated file is missing or stale (for CI)\n" +
  "  --watch  generates, then again whenever the schema file changes (a file, not a URL)";

/** Runs the command; returns the exit code (never returns under `--watch`, until the process ends). */
export async function main(args: string[]): Promise<number> {
  let values: { schema?: string; out?: string; target?: string[]; base?: string; check?: boolean; watch?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        schema: { type: "string" },
        out: { type: "string" },
        target: { type: "string", multiple: true },
        base: { type: "string" },
        check: { type: "boolean" },
        watch: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    console.error(`MZJS00100 ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.schema || !values.out || (values.check && values.watch)) {
    console.error(`MZJS00101 ${values.check && values.watch ? "--check and --watch exclude each other" : "--schema and --out are required"}\n${USAGE}`);
    return 2;
  }
  if (values.watch && isSchemaUrl(values.schema)) {
    console.error("MZJS00105 --watch needs a schema file, not a URL");
    return 2;
  }
  // `--target react --target vue` or `--target react,vue`
  const targets = (values.target ?? []).flatMap((t) => t.split(",")).map((t) => t.trim());
  const unknown = targets.filter((t) => !(TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0) {
    console.error(`MZJS00102 unknown --target ${unknown.join(", ")} (expected ${TARGETS.join(", ")})\n${USAGE}`);
    return 2;
  }
  const options: GenerateOptions = {
    schema: values.schema,
    out: values.out,
    targets: [...new Set(targets)] as Target[],
    ...(values.base ? { baseModule: values.base } : {}),
  };
  if (values.check) {
    try {
      const files = await stale(options);
      if (files.length === 0) {
        console.log(`mizan-codegen: generated files are up to date with ${options.schema}`);
        return 0;
      }
      console.error(`MZJS00103 generated files are stale (run mizan-codegen without --check):\n${files.map((f) => `  ${f}`).join("\n")}`);
      return 1;
    } catch (e) {
      console.error(failureLine(e, "MZJS00104"));
      return 1;
    }
  }
  const once = async (): Promise<number> => {
    try {
      const written = await generate(options);
      for (const file of written) console.log(`${existsSync(file) ? "wrote" : "removed"} ${file}`);
      if (written.length === 0) console.log(`mizan-codegen: up to date with ${options.schema}`);
      return 0;
    } catch (e) {
      console.error(failureLine(e, "MZJS00104"));
      return 1;
    }
  };
  if (!values.watch) return once();
  // Watching starts before the first run, so a change while it runs is another run after it; runs
  // go one at a time. Polled stat: survives editors and build tools that replace the file rather than write it.
  let running = Promise.resolve(0);
  watchFile(options.schema, { interval: 200 }, (now, before) => {
    // the inode and ctime too: a same-size edit within a coarse mtime tick, or a copy moved over it with its mtime kept
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino || now.ctimeMs !== before.ctimeMs) {
      running = running.then(once);
    }
  });
  running = running.then(once);
  await running;
  console.log(`mizan-codegen: watching ${options.schema}`);
  return new Promise<number>(() => {}); // until the process is stopped
}
