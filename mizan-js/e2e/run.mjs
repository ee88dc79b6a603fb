#!/usr/bin/env node
/**
 * End to end, in a real browser: samples/hello on WildFly (unpacked by Maven), code generated from
 * its LIVE /mizan/schema for React, Vue and Svelte, type-checked with `tsc --strict`, bundled with
 * esbuild into the deployed (exploded) hello.war, and driven in headless Chromium via playwright-core.
 * Each framework's page must mount, show the greeting, run setGreeting with an optimistic update (the
 * new greeting shows while the call is still held back) and show the one the call returned, then page through
 * the `letters` context with placeholderData (the previous page stays while the next one loads).
 *
 * Run by samples/hello-e2e (mvn verify). Environment:
 *   MIZAN_E2E_JBOSS_HOME  the unpacked WildFly, with hello.war exploded in standalone/deployments
 *   MIZAN_E2E_OFFSET      WildFly's port offset (default 500: HTTP 8580, management 10490)
 *   MIZAN_E2E_WORK        where logs and screenshots go (default mizan-js/e2e/target)
 *   MIZAN_CHROMIUM        the browser (etc/chromium.mjs: default Debian's /usr/bin/chromium where installed,
 *                         else @sparticuz/chromium's); none that starts = failure, never a skip
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sampleSecurityTests } from "./sample-security.mjs";
import { requireFree } from "../../etc/ports.mjs";
import { checks, chromiumOptions, findChromium, here, mizanJs, repo, run, shutDownWildFly, spawnWildFly } from "./support.mjs";

const { fail, waitFor } = checks("e2e", 250);
const jbossHome = resolve(process.env.MIZAN_E2E_JBOSS_HOME ?? fail("MIZAN_E2E_JBOSS_HOME is not set"));
const offset = Number(process.env.MIZAN_E2E_OFFSET ?? 500);
const work = resolve(process.env.MIZAN_E2E_WORK ?? join(here, "target"));
let chromium; // its path, found before the tests
const httpPort = 8080 + offset;
const managementPort = 9990 + offset;
const origin = `http://127.0.0.1:${httpPort}`;
const app = `${origin}/hello`;
const deployments = join(jbossHome, "standalone", "deployments");
const war = join(deployments, "hello.war");
const generated = join(here, "generated");

/** The greeting each page sets, and how it reads afterwards. */
const FRAMEWORKS = [
  { name: "react", text: "Hello from React", exclamations: 2 },
  { name: "vue", text: "Hello from Vue", exclamations: 3 },
  { name: "svelte", text: "Hello from Svelte", exclamations: 4 },
];

let server; // the WildFly process
let browser; // the browser of the test running now
const profiles = []; // their user-data-dirs, removed at the end

/**
 * A fresh Chromium profile (its own --user-data-dir) for each page: the greeting is PUBLIC with
 * \`stale-while-revalidate\` (docs/internals/cache-design.md), so a browser that cached it for another page may show that copy
 * first on a new page load, by design. Each framework starts from an empty cache instead.
 */
async function launchChromium() {
  const { chromium: browserType } = await import("playwright-core");
  const profile = await mkdtemp(join(tmpdir(), "mizan-e2e-chromium-"));
  profiles.push(profile);
  return browserType.launchPersistentContext(profile, chromiumOptions(chromium, ["--disable-quic"]));
}

/** Holds requests matching `pattern` at the network until `release()`; `seen` resolves when one arrives. */
function hold(page, pattern) {
  let release;
  const gate = new Promise((r) => (release = r));
  let arrived;
  const seen = new Promise((r) => (arrived = r));
  void page.route(pattern, async (route) => {
    arrived();
    await gate;
    await route.continue();
  });
  return { seen, release: () => release() };
}

/** (Re)deploys the exploded hello.war through the deployment scanner's markers. */
async function deploy() {
  for (const marker of ["deployed", "failed", "undeployed", "isdeploying", "pending"]) await rm(`${war}.${marker}`, { force: true });
  await writeFile(`${war}.dodeploy`, "");
  await waitFor("deploying hello.war", () => {
    if (existsSync(`${war}.failed`)) fail(`hello.war failed to deploy; see ${work}/wildfly.log`);
    return existsSync(`${war}.deployed`);
  }, 180_000);
}

async function startWildFly() {
  if (!existsSync(join(war, "WEB-INF"))) fail(`no exploded hello.war in ${deployments}`);
  await requireFree(httpPort, managementPort).catch((e) => fail(e.message));
  await run("bash", [join(repo, "etc/wildfly/configure.sh"), jbossHome]);
  for (const marker of ["deployed", "failed", "dodeploy", "undeployed"]) await rm(`${war}.${marker}`, { force: true });
  server = spawnWildFly(jbossHome, [`-Djboss.socket.binding.port-offset=${offset}`], join(work, "wildfly.log"));
  console.log(`# WildFly starting (pid ${server.pid}, HTTP ${httpPort}, management ${managementPort})`);
  await deploy();
}

async function stopWildFly() {
  if (await shutDownWildFly(server, jbossHome, managementPort, (e) => console.error(`# jboss-cli shutdown failed: ${e.message}`))) console.log("# WildFly stopped");
}

/** Codegen from the live schema, `tsc --strict`, then one esbuild bundle per page into the exploded WAR. */
async function generateAndBundle() {
  await rm(generated, { recursive: true, force: true });
  const codegen = await run(process.execPath, [
    join(mizanJs, "packages/codegen/bin/mizan-codegen.mjs"),
    "--schema", `${app}/mizan/schema`, "--out", generated, "--target", "react,vue,svelte",
  ]);
  process.stdout.write(codegen.stdout.replace(/^/gm, "# "));
  await run(join(mizanJs, "node_modules/.bin/tsc"), ["-p", join(here, "tsconfig.json")]).catch((e) =>
    fail(`tsc --strict rejected the generated code or the pages:\n${e.stdout}${e.stderr}`),
  );
  const { build } = await import("esbuild");
  const { default: sveltePlugin } = await import("esbuild-svelte");
  await build({
    entryPoints: { react: join(here, "pages/react.tsx"), vue: join(here, "pages/vue.ts"), svelte: join(here, "pages/svelte.ts") },
    outdir: join(war, "e2e"),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    conditions: ["svelte", "browser"],
    mainFields: ["svelte", "browser", "module", "main"],
    // @mizan/* resolve through node_modules to the built packages, as in an application.
    define: {
      "process.env.NODE_ENV": '"production"',
      __VUE_OPTIONS_API__: "false",
      __VUE_PROD_DEVTOOLS__: "false",
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
    },
    plugins: [sveltePlugin({ compilerOptions: { css: "injected" } })],
    logLevel: "warning",
  });
}

before(async () => {
  chromium = findChromium();
  await mkdir(join(work, "screenshots"), { recursive: true });
  await run("npm", ["run", "build"], { cwd: mizanJs });
  await startWildFly();
  await generateAndBundle();
  await deploy(); // again, so the server serves the bundles now in the exploded WAR
});

after(async () => {
  try {
    await browser?.close().catch(() => {});
    // Chromium's helper processes may still be writing into a profile just after close(): retry
    for (const profile of profiles) await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } finally {
    await stopWildFly(); // never leave the server running, whatever failed above
  }
});

for (const framework of FRAMEWORKS) {
  test(`${framework.name}: mount, see data, setGreeting shown optimistically then refreshed by the call, page through letters`, async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    const traffic = [];
    page.on("response", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/hello/mizan/")) traffic.push(`${r.request().method()} ${url.pathname}${url.search} ${r.status()}`);
    });

    // What the page must show first: the greeting as the server has it now (read here, not by the page).
    const before = await (await fetch(`${app}/mizan/ctx/greeting`, { cache: "no-store" })).json();
    await page.goto(`${app}/e2e/${framework.name}.html`);
    const greeting = page.locator("#greeting");
    await greeting.filter({ hasText: before.text + "!".repeat(before.exclamations) }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator("#status").textContent(), "success");

    // Optimistic update: the call is held back at the network; the new greeting must show meanwhile.
    const held = hold(page, "**/hello/mizan/call/setGreeting");
    await page.locator("#set").click();
    const expected = framework.text + "!".repeat(framework.exclamations);
    await held.seen;
    await greeting.filter({ hasText: expected }).waitFor({ timeout: 15_000 });
    assert.ok(!traffic.some((t) => t.startsWith("POST /hello/mizan/call/setGreeting")), "shown before the server answered");
    assert.equal(await page.locator("#set").isDisabled(), true, "the mutation is pending");
    held.release();
    await page.locator("#set:not([disabled])").waitFor({ timeout: 15_000 });
    assert.equal(await greeting.textContent(), expected);
    // The optimistic text is already right and the call's response carries the fresh greeting, so no
    // refetch may follow: give one that would wrongly follow the call's response time to show up.
    await waitFor("the setGreeting response", () => traffic.some((t) => t.startsWith("POST /hello/mizan/call/setGreeting")), 15_000);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(work, "screenshots", `${framework.name}.png`) });

    // The wire: one read, the session, and the call, whose response carries the fresh greeting
    // ("refreshed", single-flight refresh: docs/reference/protocol.md), so no refetch follows.
    const reads = traffic.filter((t) => t.startsWith("GET /hello/mizan/ctx/greeting"));
    const callAt = traffic.findIndex((t) => t.startsWith("POST /hello/mizan/call/setGreeting"));
    assert.ok(callAt >= 0, `no setGreeting call in ${JSON.stringify(traffic)}`);
    assert.match(traffic[callAt], / 200$/);
    assert.ok(traffic.slice(0, callAt).some((t) => t.startsWith("GET /hello/mizan/session ")), `no /session before the call: ${JSON.stringify(traffic)}`);
    assert.equal(reads.length, 1, `expected the first read and no refetch after the call: ${JSON.stringify(traffic)}`);
    assert.ok(traffic.indexOf(reads[0]) < callAt, "the read came before the call");
    // and the server agrees
    const now = await (await fetch(`${app}/mizan/ctx/greeting`, { cache: "no-store" })).json();
    assert.equal(now.text, framework.text);

    // A paginated read with placeholderData: while page 1 is held back, page 0 stays on screen.
    const letters = page.locator("#letters");
    await letters.filter({ hasText: "a b c" }).waitFor({ timeout: 15_000 });
    const nextPage = hold(page, "**/hello/mizan/ctx/letters?page=1*");
    await page.locator("#next-page").click();
    await nextPage.seen;
    assert.equal(await letters.textContent(), "a b c");
    assert.equal(await letters.getAttribute("data-placeholder"), "true");
    nextPage.release();
    await letters.filter({ hasText: "d e f" }).waitFor({ timeout: 15_000 });
    assert.equal(await letters.getAttribute("data-placeholder"), "false");
    assert.deepEqual(traffic.filter((t) => t.startsWith("GET /hello/mizan/ctx/letters")), [
      "GET /hello/mizan/ctx/letters?page=0 200",
      "GET /hello/mizan/ctx/letters?page=1 200",
    ]);
    assert.deepEqual(problems, []);
    await browser.close();
    browser = undefined;
  });
}

// samples/hello's security settings against the same live server (docs/reference/security.md)
sampleSecurityTests({ app, log: join(work, "wildfly.log") });
