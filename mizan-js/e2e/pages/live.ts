/**
 * The live-updates page (mizan-js/e2e/live.mjs): the greeting through @mizan/base, kept current by
 * @mizan/base/events. The test drives it through `window.live`; `#greeting[data-at]` is the time
 * (ms since the epoch) the text last changed and `data-read` the time a read last completed, for the
 * latency benchmark.
 */
import { configure } from "@mizan/base";
import { connectEvents } from "@mizan/base/events";
import { appBase, show } from "./base.js";

type Greeting = { text?: string; exclamations: number };

const client = configure({ baseUrl: appBase() });
const connection = connectEvents(client, { reconnectDelay: () => 200 });
const greeting = client.registerContext<Record<string, never>, Greeting>({ name: "greeting", scope: "public" });
// a USER read (401 until the tab logs in): after a login it is read once, by the stream's resync
const notes = client.registerContext<Record<string, never>, unknown[]>({ name: "notes", scope: "user" });
notes.subscribe(() => {});
const view = document.getElementById("greeting")!;
const loadedAt = Date.now();
let reads = 0;

greeting.subscribe(() => {
  const state = greeting.getState();
  if (state.status === "success" && !state.isFetching) {
    view.dataset.read = String(performance.timeOrigin + performance.now());
    view.dataset.reads = String(++reads);
  }
  const text = show(state.data);
  if (view.textContent !== text) {
    view.textContent = text;
    view.dataset.at = String(performance.timeOrigin + performance.now());
  }
});

Object.assign(window as object, {
  live: {
    loadedAt,
    leader: () => connection.leader,
    notes: () => notes.getState().status,
    /** The call's result, and when its answer was handled (ms since the epoch, for the benchmark). */
    async call(name: string, args: object) {
      // login and logout are @SessionInit functions, as the generated descriptors would say
      const result = await client.call({ name, sessionInit: name === "login" || name === "logout" }, args);
      return { result, at: performance.timeOrigin + performance.now() };
    },
  },
});
