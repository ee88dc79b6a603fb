// Mizan SSR worker (see docs/how-to/ssr.md and docs/reference/protocol.md, "SSR worker protocol").
// Started as `node worker.mjs <bundle>` (or `bun`). Reads one JSON request per line on stdin, answers
// on stdout with one JSON header line followed by the raw UTF-8 bytes of head and html. stdout
// carries protocol output only: console.* and the bundle's own process.stdout writes go to stderr,
// which the JVM logs. The worker exits when stdin ends or its parent is gone, so a JVM that dies
// leaves no worker behind.
import { Console } from "node:console";
import { constants, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { Worker as Thread } from "node:worker_threads";

// Replies go out through a file description of their own on stdout's pipe, opened before anything can
// make fd 1 non-blocking: Bun does so when process.stdout is replaced (below), and Node when a thread
// is started with its output joined to the process's. On a non-blocking pipe a reply larger than the
// pipe (64 KB, the large pages) meets EAGAIN and a wait of about 0.1 ms, and a blocking write does not
// wait longer than the JVM takes to read. Only a pipe is opened again (without truncating or creating
// anything); where /proc/self/fd cannot be opened (not Linux), fd 1 it is.
let out = 1;
try {
  if (fstatSync(1).isFIFO()) out = openSync("/proc/self/fd/1", constants.O_WRONLY);
} catch { /* fd 1, and the EAGAIN waits below */ }

// The end of stdin ends the worker when the JVM dies, but stdin is read only between renders: a render
// that never ends (a loop, a promise never settled) would outlive a JVM killed with SIGKILL. A thread
// of its own (a render cannot block it) ends the process once its parent is gone. Its output is its
// own (stdout, stderr: true): joined to the process's, it would open process.stdout, fd 1, as a stream.
const parent = process.ppid;
new Thread(`setInterval(() => { if (process.ppid !== ${parent}) process.kill(${process.pid}, "SIGKILL"); }, 1000);`,
  { eval: true, stdout: true, stderr: true }).unref();

// A pipe that is non-blocking answers EAGAIN: wait a little and try again, for a reply when fd 1 is
// non-blocking (above), for stderr, and for stdin: an idle worker whose stdin is non-blocking waits a
// millisecond between tries. The JVM reads a reply while it is written, so that wait is short (0.02 ms
// asked, about 0.1 ms given).
const pause = new Int32Array(new SharedArrayBuffer(4));
const again = (error, ms) => {
  if (error.code !== "EAGAIN") throw error;
  Atomics.wait(pause, 0, 0, ms);
};
function writeAll(fd, bytes) {
  for (let off = 0; off < bytes.length;) {
    try { off += writeSync(fd, bytes, off, bytes.length - off); } catch (error) { again(error, 0.02); }
  }
}
const send = (bytes) => writeAll(out, bytes);

// The protocol's pipes are read and written synchronously, stdin and stdout (see "One request at a time"
// below), and so is stderr, fd 2, which the JVM reads all the time. process.stdin, process.stdout and
// process.stderr are never opened as Node's streams: opening one makes its pipe non-blocking (or takes
// the protocol's bytes), and a non-blocking stderr queues what the pipe cannot take at once (more than
// 64 KB) for an event loop that does not run while the worker waits for its next request. The bundle's
// process.stdout and process.stderr write straight to fd 2, and so does console; its process.stdin is
// an empty stream (a library that asks process.stdin.isTTY would otherwise open it).
const toFd2 = new Writable({
  write(chunk, encoding, done) {
    try { writeAll(2, chunk); done(); } catch (error) { done(error); }
  },
});
Object.defineProperty(process, "stderr", { configurable: true, enumerable: true, get: () => toFd2 });
Object.defineProperty(process, "stdout", { configurable: true, enumerable: true, get: () => toFd2 });
const noInput = Readable.from([]);
Object.defineProperty(process, "stdin", { configurable: true, enumerable: true, get: () => noInput });
const toStderr = new Console({ stdout: toFd2, stderr: toFd2 });
// Under Bun, the node:console module (and require("console")) exports the global console object
// itself, which writes to fd 1: its methods are rebound in place, as well as the global replaced.
for (const key of Object.keys(console)) {
  if (typeof toStderr[key] === "function") {
    try { console[key] = toStderr[key].bind(toStderr); } catch { /* read-only: the global below still goes */ }
  }
}
globalThis.console = toStderr;

const line = (value) => Buffer.from(JSON.stringify(value) + "\n", "utf8");
// Message and stack are cut at 16,384 UTF-16 units each: an error line of ASCII text stays under the
// JVM's 64 KB header limit, but JSON escapes and UTF-8 can make it several times that (CJK text, quotes,
// control characters), and a line the JVM refuses counts as a crash (docs/reference/protocol.md, "SSR
// worker protocol"). A thrown value that String() cannot convert still gets a message.
const ERROR_TEXT_MAX = 16 * 1024;
const text = (value) => {
  let out;
  try { out = String(value); } catch { out = "(a value that cannot be converted to text)"; }
  return out.length > ERROR_TEXT_MAX ? `${out.slice(0, ERROR_TEXT_MAX)}... (cut)` : out;
};
// A thrown value's fields are read through getters the bundle may have written, which may throw in
// turn: such a field counts as absent, so the render fails with an error, not the worker with a crash.
const field = (value, name) => {
  try { return value ? value[name] : undefined; } catch { return undefined; }
};
const failure = (error) => {
  const message = field(error, "message");
  const stack = field(error, "stack");
  return { message: text(message !== undefined ? message : error), stack: stack ? text(stack) : undefined };
};

// A promise a render left unawaited, or a timer it set, can fail during a later render (timers run only
// while a render awaits), usually another user's. Under Node's default that would end the process and
// fail that render: the failure is logged instead, and the worker goes on, as a browser page would. It is
// the bundle's own bug, and a worker is replaced after max-renders anyway (docs/how-to/ssr.md, "The pool").
const logError = (what, error) =>
  writeAll(2, Buffer.from(`${what}: ${text(field(error, "stack") || error)}\n`, "utf8"));
process.on("unhandledRejection", (reason) => logError("an unhandled promise rejection in the bundle (the worker goes on)", reason));
process.on("uncaughtException", (error) => logError("an uncaught exception in the bundle (the worker goes on)", error));

let render;
try {
  const mod = await import(pathToFileURL(process.argv[2]).href);
  render = typeof mod.render === "function" ? mod.render : mod.default && mod.default.render;
  if (typeof render !== "function") throw new Error(`the bundle ${process.argv[2]} exports no render function`);
} catch (error) {
  send(line({ ready: false, error: failure(error) }));
  process.exit(1);
}

// A reply is one Buffer sent in one write. Head and html are encoded straight into it, once each, at an
// offset that leaves room for the header; their byte counts are what those writes return, and the header
// goes just before them (measuring the page's UTF-8 length first was a second pass over it). The write
// is synchronous, so the same Buffer serves the next reply, unless it grew past KEEP_MAX.
const HEADER_ROOM = 128; // {"id","status","headLen","htmlLen"} as JSON, integers all, is shorter
const KEEP_MAX = 4 * 1024 * 1024; // a larger Buffer is not kept for the next reply
let spare = Buffer.allocUnsafe(64 * 1024);
function reply(id, status, head, html) {
  const bound = HEADER_ROOM + 3 * (head.length + html.length); // a UTF-16 unit is at most 3 UTF-8 bytes
  const buffer = spare.length >= bound ? spare : Buffer.allocUnsafe(bound);
  if (buffer.length <= KEEP_MAX) spare = buffer;
  const headLen = buffer.write(head, HEADER_ROOM, "utf8");
  const htmlLen = buffer.write(html, HEADER_ROOM + headLen, "utf8");
  const header = JSON.stringify({ id, status, headLen, htmlLen }) + "\n"; // ASCII: one byte a character
  const start = HEADER_ROOM - header.length;
  if (start < 0) throw new Error(`a reply header of ${header.length} bytes`);
  buffer.write(header, start, "latin1");
  return buffer.subarray(start, HEADER_ROOM + headLen + htmlLen);
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

send(line({ ready: true }));

// One request at a time: the JVM holds a lock per worker and waits for each reply. So the worker reads
// stdin with a blocking read, which wakes it when a request arrives, rather than through the event loop
// and a stream (a wake-up and several hand-offs more per render). An asynchronous render (Vue's) is
// awaited, and the event loop runs meanwhile. Lines are cut from the raw bytes and decoded once each.
// End of stdin (the JVM closed it or died) ends the worker, every reply having been written already.
const input = Buffer.allocUnsafe(64 * 1024);
let pending = [];
try {
  for (;;) {
    let n;
    try {
      n = readSync(0, input, 0, input.length, null);
    } catch (error) {
      if (error.code === "EOF") break;
      again(error, 1);
      continue;
    }
    if (n === 0) break;
    const chunk = input.subarray(0, n);
    let start = 0;
    let end;
    while ((end = chunk.indexOf(10, start)) >= 0) {
      pending.push(chunk.subarray(start, end));
      const text = (pending.length === 1 ? pending[0] : Buffer.concat(pending)).toString("utf8");
      pending = [];
      start = end + 1;
      if (text.trim() !== "") await answer(text);
    }
    // copied: the next read overwrites input
    if (start < n) pending.push(Buffer.from(chunk.subarray(start)));
  }
} catch (error) {
  // the worker's own failure (a pipe gone, say), which the handlers above must not keep alive
  try { logError("the worker failed", error); } finally { process.exit(1); }
}
process.exit(0);
