/** `mizan-codegen --schema <file|url> --out <dir> [--target react|vue|svelte] [--base <module>]` */
import { parseArgs } from "node:util";
import { generate } from "./index.js";

const USAGE = "usage: mizan-codegen --schema <file|url> --out <dir> [--target react|vue|svelte] [--base <module>]";

/** Runs the command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  let values: { schema?: string; out?: string; target?: string; base?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        schema: { type: "string" },
        out: { type: "string" },
        target: { type: "string" },
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
  if (values.target) {
    console.error(`--target ${values.target}: the framework adapters (Stage 2) are not implemented yet`);
    return 2;
  }
  try {
    const written = await generate({ schema: values.schema, out: values.out, ...(values.base ? { baseModule: values.base } : {}) });
    for (const file of written) console.log(`wrote ${file}`);
    return 0;
  } catch (e) {
    console.error(`mizan-codegen: ${(e as Error).message}`);
    return 1;
  }
}
