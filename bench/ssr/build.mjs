// node build.mjs <node_modules dir> <out dir>: the benchmark bundles and props.
import { writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [nodeModules, out] = process.argv.slice(2);
// esbuild, React: mizan-ssr-node's test tooling (its npm ci), used read only
const { build } = createRequire(join(nodeModules, "resolve.js"))("esbuild");
mkdirSync(out, { recursive: true });
const common = { bundle: true, jsx: "automatic", logLevel: "warning", nodePaths: [nodeModules], absWorkingDir: here, define: { "process.env.NODE_ENV": '"production"' } };
await build({
  ...common, entryPoints: [join(here, "entry-node.jsx")], outfile: join(out, "server.mjs"), platform: "node", format: "esm",
  banner: { js: 'import { createRequire as __r } from "node:module"; const require = __r(import.meta.url);' },
});
// GraalJS has no TextEncoder; React's server build needs only its UTF-8 encode.
const textEncoder = `if (typeof TextEncoder === "undefined") { globalThis.TextEncoder = class { encode(s) { const b = unescape(encodeURIComponent(s)); const a = new Uint8Array(b.length); for (let i = 0; i < b.length; i++) a[i] = b.charCodeAt(i); return a; } encodeInto(s, d) { const a = this.encode(s); d.set(a); return { read: s.length, written: a.length }; } }; }`;
// and no MessageChannel, which react-dom only uses to schedule streaming work that renderToString never does
const messageChannel = `if (typeof MessageChannel === "undefined") { globalThis.MessageChannel = class { constructor() { this.port1 = {}; this.port2 = { postMessage() {} }; } }; }`;
await build({ ...common, entryPoints: [join(here, "entry-graal.jsx")], outfile: join(out, "graal.js"), platform: "browser", format: "iife", banner: { js: textEncoder + messageChannel } });

const words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon".split(" ");
const item = (i) => ({
  id: i,
  name: `Product ${i} ${words[i % words.length]}`,
  description: Array.from({ length: 84 }, (_, k) => words[(i * 7 + k) % words.length]).join(" ") + ` <${i}> & "quoted"`,
  tags: Array.from({ length: 5 }, (_, k) => `${words[(i + k) % words.length]}-${k}`),
  price: 10 + (i * 37) % 990 + 0.99,
  currency: "EUR",
});
writeFileSync(join(out, "large.json"), JSON.stringify({ title: "All products", items: Array.from({ length: 100 }, (_, i) => item(i)) }));
writeFileSync(join(out, "small.json"), JSON.stringify({ title: "Some products", items: Array.from({ length: 12 }, (_, i) => item(i)) }));
