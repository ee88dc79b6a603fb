// The fixture bundle: `render({entry, props, url, data})` for the three frameworks and for the
// fault tests (echo, slow, loop, hang, throw, throwLong, throwOdd, throwGetters, noisy, big, forge, forgeHuge, flood,
// stdinTty), `env`, which answers the
// worker's environment (process.env as JSON), and `held`, which tells
// how many timers of a minute or more are pending in the worker: a Mizan client a render did not close
// keeps one per entry (its gcTime, 5 minutes), and with it the render's data.
import { writeSync } from "node:fs";
import nodeConsole from "node:console";
import { renderToString } from "react-dom/server";
import { createSSRApp } from "vue";
import { renderToString as vueToString } from "vue/server-renderer";
import { render as svelteRender } from "svelte/server";
import { ReactPage } from "./pages/ReactPage.jsx";
import { VuePage } from "./pages/vue-page.js";
import SveltePage from "./pages/SveltePage.svelte";
import { withServerClient } from "./pages/mizan.js";

const longTimers = new Set();
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
globalThis.setTimeout = (fn, ms, ...args) => {
  const timer = realSetTimeout((...a) => { longTimers.delete(timer); fn(...a); }, ms, ...args);
  if (ms >= 60_000) longTimers.add(timer);
  return timer;
};
globalThis.clearTimeout = (timer) => {
  longTimers.delete(timer);
  realClearTimeout(timer);
};

const entries = {
  react: ({ props, data }) => withServerClient(data, (client) =>
    ({ html: renderToString(<ReactPage client={client} {...props} />), head: "<meta name=\"fw\" content=\"react\">" })),
  vue: ({ props, data }) => withServerClient(data, async (client) =>
    ({ html: await vueToString(createSSRApp(VuePage, { client, ...props })), head: "<meta name=\"fw\" content=\"vue\">" })),
  svelte: ({ props, data }) => withServerClient(data, (client) => {
    const out = svelteRender(SveltePage, { props: { client, ...props } });
    return { html: out.body, head: out.head + "<meta name=\"fw\" content=\"svelte\">" };
  }),
  // Echoes what it got, so concurrent callers can check they got their own answer.
  echo: ({ props, url, data }) => ({ html: `<pre>${JSON.stringify({ props, url, data })}</pre>`, head: `<meta name="n" content="${props.n}">` }),
  slow: async ({ props }) => { await new Promise((r) => setTimeout(r, props.ms)); return { html: `<p>slow ${props.ms}</p>` }; },
  loop: () => { for (;;) { /* a component that never returns */ } },
  hang: () => new Promise(() => { setInterval(() => {}, 1000); }), // a data fetch that never settles
  // A reply header whose lengths overflow when added (the request's id comes in the props).
  forgeHuge: ({ props }) => {
    writeSync(1, `{"id":${props.id},"status":200,"headLen":9223372036854775807,"htmlLen":1}\n`);
    return { html: "<p>forged</p>" };
  },
  // stderr without a newline for `props.chars` characters, then one ordinary line.
  flood: ({ props }) => {
    process.stderr.write("z".repeat(props.chars)); // a stream: its pipe is non-blocking, and Node queues what waits
    process.stderr.write("\nafter the flood\n");
    return { html: "<p>flooded</p>" };
  },
  // What many libraries do at import: ask whether stdin is a terminal (in Node, that opens it).
  stdinTty: () => ({ html: String(process.stdin.isTTY) }),
  throw: () => { throw new Error("the page broke"); },
  throwLong: () => { throw new Error(`the page broke ${"at length ".repeat(4000)}`); },
  throwOdd: () => { throw Object.create(null); },
  // an error whose message and stack getters throw in turn: reading them must not end the worker
  throwGetters: () => {
    throw {
      get message() { throw new Error("the message getter broke"); },
      get stack() { throw new Error("the stack getter broke"); },
    };
  },
  noisy: ({ props }) => {
    console.log("console.log from the bundle");
    console.info("console.info from the bundle");
    nodeConsole.log("node:console from the bundle");
    process.stdout.write("a stray stdout write\n");
    return { html: `<p>quiet ${props.n}</p>` };
  },
  big: ({ props }) => ({ html: "x".repeat(props.size) }),
  // Writes past the worker's stdout redirection, straight into the protocol pipe: a reply header
  // that is JSON of the wrong shape (a string id), read before the worker's own reply.
  forge: () => {
    writeSync(1, '{"id":"forged","headLen":0,"htmlLen":0}\n');
    return { html: "<p>forged</p>" };
  },
  status: () => ({ html: "<p>gone</p>", status: 404 }),
  pid: () => ({ html: String(process.pid) }),
  env: () => ({ html: JSON.stringify(process.env) }),
  held: () => ({ html: String(longTimers.size) }),
};

export async function render(request) {
  const entry = entries[request.entry];
  if (!entry) throw new Error(`no entry ${request.entry}`);
  return entry(request);
}
