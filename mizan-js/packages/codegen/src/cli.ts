/** `mizan-codegen --schema <file|url> --out <dir> [--target react|vue|svelte] [--base <module>]` */
import { parseArgs } from "node:util";
import { generate } from "./index.js";
import { TARGETS, type Target } from "./stage2.js";

const USAGE =
  "usage: mizan-codegen --schema <file|url> --out <dir> [--target react|vue|svelte]... [--base <module>]\n" +
  "  writes <dir>/mizan.ts (types, descriptors) and one adapter per --target (mizan.react.ts, mizan.vue.ts, mizan.svelte.ts)";

/** Runs the command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let values: { schema?: string; out?: string; target?: string[]; base?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        schema: { type: "string" },
        out: { type: "string" },
        target: { type: "string", multiple: true },
        base: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.schema || !values.out) {
    console.error(USAGE);
    return 2;
  }
  // `--target react --target vue` or `--target react,vue`
  const targets = (values.target ?? []).flatMap((t) => t.split(",")).map((t) => t.trim());
  const unknown = targets.filter((t) => !(TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0) {
    console.error(`unknown --target ${unknown.join(", ")} (expected ${TARGETS.join(", ")})\n${USAGE}`);
    return 2;
  }
  try {
    const written = await generate({
      schema: values.schema,
      out: values.out,
      targets: [...new Set(targets)] as Target[],
      ...(values.base ? { baseModule: values.base } : {}),
    });
    for (const file of written) console.log(`wrote ${file}`);
    return 0;
  } catch (e) {
    console.error(`mizan-codegen: ${(e as Error).message}`);
    return 1;
  }
}
