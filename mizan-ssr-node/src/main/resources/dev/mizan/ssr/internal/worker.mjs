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
    const head = out && out.head ? String(out.head) : "";
    const html = out && out.html !== undefined ? String(out.html) : "";
    const status = out && Number.isInteger(out.status) ? out.status : 200;
    const headLen = Buffer.byteLength(head);
    const htmlLen = Buffer.byteLength(html);
    const header = JSON.stringify({ id, status, headLen, htmlLen }) + "\n";
    // One Buffer, each part encoded straight into it (not encoded apart and copied again by
    // Buffer.concat, nor concatenated into a string that would be flattened, a copy of the page,
    // first), sent in one write. A Buffer, not a string: Bun queues string writes.
    const headerLen = Buffer.byteLength(header);
    const reply = Buffer.allocUnsafe(headerLen + headLen + htmlLen);
    reply.write(header, 0, "utf8");
    reply.write(head, headerLen, "utf8");
    reply.write(html, headerLen + headLen, "utf8");
    send(reply);
  } catch (error) {
    send(line({ id, error: failure(error) }));
  }
}

// One request in flight per worker (the JVM holds a lock), but a queue keeps order regardless. Lines
// are cut from the raw bytes: each chunk is searched for a newline once, and a request is decoded once.
let queue = Promise.resolve();
let pending = [];
process.stdin.on("data", (chunk) => {
  let start = 0;
  let end;
  while ((end = chunk.indexOf(10, start)) >= 0) {
    pending.push(chunk.subarray(start, end));
    const text = (pending.length === 1 ? pending[0] : Buffer.concat(pending)).toString("utf8");
    pending = [];
    start = end + 1;
    if (text.trim() !== "") queue = queue.then(() => answer(text));
  }
  if (start < chunk.length) pending.push(chunk.subarray(start));
});
// Exit once the last reply has left: stdout to a pipe is asynchronous, and exit() would drop what is queued.
process.stdin.on("end", () => queue.then(() => protocolOut("", () => process.exit(0))));
send(line({ ready: true }));
