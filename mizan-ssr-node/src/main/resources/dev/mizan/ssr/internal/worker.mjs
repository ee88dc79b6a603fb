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

const send = (out) => (out.sent ? protocolOut(out.bytes, out.sent) : protocolOut(out));
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

// A reply is one Buffer sent in one write (a Buffer, not a string: Bun queues string writes). Head
// and html are encoded straight into it, once each, at an offset that leaves room for the header; their
// byte counts are what those writes return, and the header goes just before them (measuring the page's
// UTF-8 length first was a second pass over it). The Buffer serves the next reply once its write has
// completed (the write's callback: to a pipe that is full it completes later); until then, or for a
// reply too big for it, a new one is allocated.
const HEADER_ROOM = 128; // {"id","status","headLen","htmlLen"} as JSON, integers all, is shorter
const KEEP_MAX = 4 * 1024 * 1024; // a larger Buffer is not kept for the next reply
let spare = null;
function reply(id, status, head, html) {
  const bound = HEADER_ROOM + 3 * (head.length + html.length); // a UTF-16 unit is at most 3 UTF-8 bytes
  const buffer = spare !== null && spare.length >= bound ? spare : Buffer.allocUnsafe(bound);
  spare = null;
  const headLen = buffer.write(head, HEADER_ROOM, "utf8");
  const htmlLen = buffer.write(html, HEADER_ROOM + headLen, "utf8");
  const header = JSON.stringify({ id, status, headLen, htmlLen }) + "\n"; // ASCII: one byte a character
  const start = HEADER_ROOM - header.length;
  if (start < 0) throw new Error(`a reply header of ${header.length} bytes`);
  buffer.write(header, start, "latin1");
  return { bytes: buffer.subarray(start, HEADER_ROOM + headLen + htmlLen), sent: () => { if (buffer.length <= KEEP_MAX) spare = buffer; } };
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
    send(reply(id, status, head, html));
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
