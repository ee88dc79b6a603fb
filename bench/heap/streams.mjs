#!/usr/bin/env node
/**
 * The heap held by idle `/mizan/events` streams on a running server (docs/how-to/live-updates.md,
 * "Memory"): the live heap after a full GC (jcmd's class histogram), open the streams from this
 * process, the live heap again; each round starts once no stream of before is alive (a stream whose
 * client left closes at its next heartbeat, or the one after); three rounds, the median.
 *
 * Used by bench/events.sh --memory (through mizan-js/e2e/live.mjs on WildFly, directly on Payara Micro
 * and Open Liberty), or by hand against any server running samples/hello with
 * mizan.events.max-streams above the count:
 *   node bench/heap/streams.mjs <events url> <server pid>
 * Environment: MIZAN_LIVE_STREAMS (default 10000); MIZAN_LIVE_HEADERS bare (default: Accept only) or
 * browser (the headers Chromium sends with @mizan/base's fetch of /events, and a session cookie of its
 * own); MIZAN_LIVE_HEAP_DUMP, a file to dump the live heap to with the streams open (first round).
 */
import { execFile } from "node:child_process";
import http from "node:http";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
/** The class of one open stream: counted to know the measured JVM is the one holding the streams. */
const STREAM_CLASS = "dev.mizan.jaxrs.internal.OpenStreams$Stream";

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The headers of the n-th stream request: Accept alone, or what Chromium 143 on Linux sends from a page. */
function headersOf(browser, url, n) {
  return !browser ? { Accept: "text/event-stream" } : {
    "sec-ch-ua": '"Chromium";v="143", "Not A(Brand";v="24"',
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": '"Linux"',
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36",
    Accept: "text/event-stream",
    "Sec-Fetch-Site": "same-origin",
    "Sec-Fetch-Mode": "cors",
    "Sec-Fetch-Dest": "empty",
    Referer: new URL("../e2e/live.html", url).href,
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "Accept-Language": "en-US,en;q=0.9",
    Cookie: `JSESSIONID=${String(n).padStart(8, "0")}${"x".repeat(24)}.node1`,
  };
}

/** Opens `count` streams, a few hundred at a time so the server's accept queue is not flooded. */
function openStreams(url, count, browser, agent) {
  const open = [];
  const statuses = {};
  let ok = 0;
  let refused = 0;
  return new Promise((done, failed) => {
    let started = 0;
    const settled = () => (ok + refused === count ? done({ open, ok, refused, statuses }) : next());
    const next = () => {
      while (started < count && started - ok - refused < 200) {
        started++;
        const req = http.get(url, { agent, headers: headersOf(browser, url, started) }, (res) => {
          if (res.statusCode !== 200) {
            refused++;
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            res.resume();
            return settled();
          }
          res.once("data", () => {
            ok++;
            settled();
          });
        });
        req.on("error", failed);
        open.push(req);
      }
    };
    next();
  });
}

/**
 * Measures and logs the heap per idle stream; returns the median bytes a stream. Throws when more than 1 %
 * of the streams are refused, when the JVM measured does not hold them, or when the streams of a round
 * are still alive a minute after their clients left.
 */
export async function streamHeap({ url, pid, streams = 10_000, browser = false, heapDump, log = console.log }) {
  // The class histogram collects the heap fully first and counts what is left, object by object: the
  // retained heap, without the slack of partly filled regions that "heap used" also counts.
  const histogram = async () => (await run("jcmd", [String(pid), "GC.class_histogram"], { maxBuffer: 1 << 28 })).stdout;
  const total = (text) => Number(/^Total\s+\d+\s+(\d+)/m.exec(text)[1]);
  // bytes of Mizan's own classes (its JDK collections not counted: a queue and a set entry, about 80 bytes a stream)
  const mizanBytes = (text) => text.split("\n").filter((l) => / dev\.mizan\.\S+$/.test(l)).reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[2]), 0);
  const streamsIn = (text) => Number(text.split("\n").find((l) => l.endsWith(` ${STREAM_CLASS}`))?.trim().split(/\s+/)[1] ?? 0);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  log(`# stream requests: ${browser ? "a browser's headers and a session cookie" : "bare (Accept only)"}`);
  const perStream = [];
  for (let round = 1; round <= 3; round++) {
    let before = await histogram();
    for (const end = Date.now() + 60_000; streamsIn(before) > 0; before = await histogram()) {
      if (Date.now() > end) throw new Error(`${streamsIn(before)} streams of the round before are still open a minute after their clients left`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const idle = total(before);
    const { open, ok, refused, statuses } = await openStreams(url, streams, browser, agent);
    if (refused > streams / 100) throw new Error(`${refused} of ${streams} streams were refused: ${JSON.stringify(statuses)}`);
    if (heapDump && round === 1) await run("jcmd", [String(pid), "GC.heap_dump", heapDump]);
    const text = await histogram();
    if (streamsIn(text) < ok) throw new Error(`the measured JVM (pid ${pid}) holds ${streamsIn(text)} streams, not ${ok}`);
    const held = total(text);
    perStream.push((held - idle) / ok);
    const mizan = Math.round((mizanBytes(text) - mizanBytes(before)) / ok);
    log(`# round ${round}: idle heap ${(idle / 2 ** 20).toFixed(1)} MB, with ${ok} open streams ${(held / 2 ** 20).toFixed(1)} MB: ${((held - idle) / 2 ** 20).toFixed(1)} MB, ${((held - idle) / ok / 1024).toFixed(2)} KB a stream, ${mizan} B of it in Mizan's classes (${refused} answered other than 200${refused ? `: ${JSON.stringify(statuses)}` : ""})`);
    for (const req of open) req.destroy();
  }
  const m = median(perStream);
  // the target is for 10,000 streams, whatever count was opened
  log(`# median over 3 rounds: ${(m * streams / 2 ** 20).toFixed(1)} MB for ${streams} idle streams (${(m / 1024).toFixed(2)} KB each); target < 50 MB for 10,000 (${(m * 10_000 / 2 ** 20).toFixed(1)} MB): ${m * 10_000 < 50 * 2 ** 20 ? "met" : "NOT met"}`);
  return m;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [url, pid] = process.argv.slice(2);
  if (!url || !/^\d+$/.test(pid ?? "")) {
    console.error("usage: node bench/heap/streams.mjs <events url> <server pid>");
    process.exit(2);
  }
  streamHeap({
    url, pid,
    streams: Number(process.env.MIZAN_LIVE_STREAMS ?? 10_000),
    browser: (process.env.MIZAN_LIVE_HEADERS ?? "bare") === "browser",
    heapDump: process.env.MIZAN_LIVE_HEAP_DUMP,
  }).then(() => process.exit(0), (error) => {
    console.error(`streams: ${error.message}`);
    process.exit(1);
  });
}
