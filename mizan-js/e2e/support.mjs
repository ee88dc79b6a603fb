/**
 * What the browser runs share (run.mjs: samples/hello on one WildFly; live.mjs: two WildFly nodes and
 * a redis-server): failing and waiting with the run's own message prefix, port checks, the Chromium
 * to run and its flags (etc/chromium.mjs), and starting and stopping a WildFly in a process group of its own.
 */
import { execFile, spawn } from "node:child_process";
import { openSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromiumArgs, chromiumExecutable } from "../../etc/chromium.mjs";

export const run = promisify(execFile);
export const here = dirname(fileURLToPath(import.meta.url));
export const mizanJs = resolve(here, "..");
export const repo = resolve(mizanJs, "..");

/**
 * `fail(message)` throws with the run's `prefix`; `waitFor(what, check, ms)` polls `check` every
 * `every` ms until it returns something truthy (returned) and fails after `ms`.
 */
export function checks(prefix, every) {
  const fail = (message) => {
    throw new Error(`${prefix}: ${message}`);
  };
  const waitFor = async (what, check, ms) => {
    const start = Date.now();
    for (;;) {
      const outcome = await check();
      if (outcome) return outcome;
      if (Date.now() - start > ms) fail(`${what} did not happen within ${ms / 1000} s`);
      await new Promise((r) => setTimeout(r, every));
    }
  };
  return { fail, waitFor };
}

export { listening } from "../../etc/ports.mjs";

/**
 * The Chromium the runs drive (MIZAN_CHROMIUM, Debian's, or the one @sparticuz/chromium in mizan-js's
 * node_modules ships: etc/chromium.mjs); throws saying why when none starts.
 */
export const findChromium = () => chromiumExecutable(join(mizanJs, "node_modules"));

/** Launch options of the headless Chromium at `executablePath`, with the run's `extra` flags. */
export function chromiumOptions(executablePath, extra = []) {
  return { executablePath, headless: true, args: [...chromiumArgs, ...extra] };
}

/**
 * Starts `home`'s standalone.sh bound to 127.0.0.1 with `args`, its output in `log`, in a process
 * group of its own (so {@link shutDownWildFly} can kill all of it); `exited` resolves when it ends.
 */
export function spawnWildFly(home, args, log, env = {}) {
  const out = openSync(log, "w");
  const server = spawn(join(home, "bin", "standalone.sh"), ["-b", "127.0.0.1", "-bmanagement", "127.0.0.1", ...args], {
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, JBOSS_HOME: home, ...env },
  });
  server.exited = new Promise((done) => server.on("exit", done));
  return server;
}

/**
 * Shuts a WildFly from {@link spawnWildFly} down through its management port, killing its whole
 * process group after 30 s. False when it was not running.
 */
export async function shutDownWildFly(server, home, managementPort, onCliError = () => {}) {
  if (!server || server.exitCode !== null) return false;
  await run(join(home, "bin", "jboss-cli.sh"), [`--controller=127.0.0.1:${managementPort}`, "--connect", "--command=:shutdown"], {
    env: { ...process.env, JBOSS_HOME: home },
  }).catch(onCliError);
  const stopped = await Promise.race([server.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 30_000))]);
  if (!stopped) process.kill(-server.pid, "SIGKILL"); // the whole process group standalone.sh started
  return true;
}
