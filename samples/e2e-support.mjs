// Shared by the samples' browser tests (board-e2e/run.mjs, hello-ssr-e2e/run.mjs): counted checks,
// waiting for a condition, required environment variables, and the Chromium to run with its flags
// (etc/chromium.mjs, shared with mizan-js and mizan-ssr-node).

/** How many checks failed so far (a live binding: importers see it change). */
export let failures = 0;

export function fail(message) {
  throw new Error(message);
}
export function check(ok, message) {
  console.log(`${ok ? "ok  " : "FAIL"} ${message}`);
  if (!ok) failures++;
}
export const env = (name) => process.env[name] ?? fail(`${name} is not set`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function until(what, test, ms = 60000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await test();
    if (v) return v;
    if (Date.now() > end) fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
export { chromiumArgs, chromiumExecutable } from "../etc/chromium.mjs";
export { requireFree } from "../etc/ports.mjs";
