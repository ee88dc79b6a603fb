// Mizan SSR worker (see docs/how-to/ssr.md and docs/reference/protocol.md, "SSR worker protocol").
// Started as `node worker.mjs <bundle>` (or `bun`). Reads one JSON request per line on stdin, answers
// on stdout with one JSON header line followed by the raw UTF-8 bytes of head and html. stdout
// carries protocol output only: console.* and the bundle's own process.stdout writes go to stderr,
// which the JVM logs. The worker exits when stdin ends, so a JVM that dies leaves no worker behind.
import { Console } from "node:console";
import { pathToFileURL } from "node:url";

const protocolOut = process.stdout.write.bind(process.stdout);
const toStderr = process.stderr.write.bind(process.stderr);
process.stdout.write = (chunk, encoding, callback) => toStderr(chunk, encoding, callback);
globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });

const send = (buffer) => protocolOut(buffer);
const line = (value) => Buffer.from(JSON.stringify(value) + "\n", "utf8");
const failure = (error) => ({
  message: String(error && error.message !== undefined ? error.message : error),
  stack: error && error.stack ? String(error.stack) : undefined,
});

let render;
try {
  const mod = await import(pathToFileURL(process.argv[2]).href);
  render = typeof mod.render === "function" ? mod.render : mod.default && mod.default.render;
  if (typeof render !== "function") throw new Error(`the bundle ${process.argv[2]} exports no render function`);
} catch (error) {
  send(line({ ready: false, error: failure(error) }));
  process.exit(1);
}

async function answer(text) {
  let id = null;
  try {
    const request = JSON.parse(text);
    id = request.id;
    const out = await render({ entry: request.entry, props: request.props, url: request.url, data: request.data });
    const head = Buffer.from(out && out.head ? String(out.head) : "", "utf8");
    const html = Buffer.from(out && out.html !== undefined ? String(out.html) : "", "utf8");
    const status = out && Number.isInteger(out.status) ? out.status : 200;
    send(Buffer.concat([line({ id, status, headLen: head.length, htmlLen: html.length }), head, html]));
  } catch (error) {
    send(line({ id, error: failure(error) }));
  }
}

// One request in flight per worker (the JVM holds a lock), but a queue keeps order regardless.
let queue = Promise.resolve();
let pending = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  pending += chunk;
  let end;
  while ((end = pending.indexOf("\n")) >= 0) {
    const text = pending.slice(0, end);
    pending = pending.slice(end + 1);
    if (text.trim() !== "") queue = queue.then(() => answer(text));
  }
});
process.stdin.on("end", () => queue.then(() => process.exit(0)));
send(line({ ready: true }));
