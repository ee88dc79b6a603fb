// samples/board end to end in Chromium (run by this module's Maven build, and by .ci/run on two nodes):
//   - the board's cards are in the server's HTML (a browser with JavaScript off shows them) and the
//     page hydrates without fetching the contexts it came with;
//   - alice adds a card with an empty title (field error), then a valid one (one request, no reload),
//     and moves it; bob, in another browser context (on the other node when there are two), sees both
//     changes arrive live and never sees alice's own cards; a second tab of alice's sees the move;
//     alice deletes the card again, and bob sees it go;
//   - pages whose HTML was rendered before alice's next card (a new browser's first tab, and a second tab
//     of bob's) show it once hydrated: they catch up from the render (GET /mizan/events?since=);
//   - the CSV export holds the board; a failed delete, export (a 404, or a download that breaks off) or
//     logout shows its error on the page and raises no page error (a failed logout leaves alice logged in);
//   - after logout alice's USER entries are gone from the server cache;
//   - concurrent renames, moves and deletes of the same cards over HTTP lose no change and answer a
//     clean 404 to the loser (races.mjs).
// Single node (Maven): starts WildFly from BOARD_E2E_JBOSS_HOME with BOARD_E2E_WAR at BOARD_E2E_OFFSET.
// Two nodes (.ci/run): BOARD_E2E_URL_A and BOARD_E2E_URL_B name servers already running.
// Screenshots go to $BOARD_E2E_OUT/screenshots.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { races } from "./races.mjs";
import { check, chromiumArgs, chromiumExecutable, env, fail, failures, requireFree, sleep, until } from "../e2e-support.mjs";

const { chromium } = createRequire(resolve(env("BOARD_E2E_NODE_MODULES"), "x.js"))("playwright-core");
const shots = join(env("BOARD_E2E_OUT"), "screenshots");
mkdirSync(shots, { recursive: true });

const basic = (user) => ({ Authorization: "Basic " + Buffer.from(`${user}:${user}-pw`).toString("base64") });

/** Starts WildFly with the WAR (single-node mode); returns a stop function. */
async function startWildFly() {
  const home = env("BOARD_E2E_JBOSS_HOME");
  const deployments = join(home, "standalone", "deployments");
  await requireFree(8080 + Number(env("BOARD_E2E_OFFSET")), 9990 + Number(env("BOARD_E2E_OFFSET")));
  execFileSync(join(process.cwd(), "../../etc/wildfly/configure.sh"), [home], { stdio: "inherit" });
  for (const f of readdirSync(deployments)) if (f.startsWith("board.war")) rmSync(join(deployments, f), { recursive: true, force: true });
  copyFileSync(env("BOARD_E2E_WAR"), join(deployments, "board.war"));
  const shell = spawn(join(home, "bin", "standalone.sh"), ["-b", "127.0.0.1", "-bmanagement", "127.0.0.1", `-Djboss.socket.binding.port-offset=${env("BOARD_E2E_OFFSET")}`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, LAUNCH_JBOSS_IN_BACKGROUND: "1" },
    detached: true,
  });
  const stop = () => { try { process.kill(-shell.pid, "SIGTERM"); } catch { /* gone */ } };
  try {
    await until("board.war to deploy", () => {
      const failed = join(deployments, "board.war.failed");
      if (existsSync(failed)) fail(readFileSync(failed, "utf8"));
      return existsSync(join(deployments, "board.war.deployed"));
    }, 300000);
  } catch (e) {
    stop();
    throw e;
  }
  return stop;
}

const twoNodes = !!process.env.BOARD_E2E_URL_A;
const stopServer = twoNodes ? () => {} : await startWildFly();
const single = `http://127.0.0.1:${8080 + Number(process.env.BOARD_E2E_OFFSET ?? 0)}/board/`;
const urlA = twoNodes ? env("BOARD_E2E_URL_A") : single;
const urlB = twoNodes ? env("BOARD_E2E_URL_B") : single;
console.log(`board-e2e: alice on ${urlA}, bob on ${urlB}${twoNodes ? " (two nodes)" : ""}`);

const browser = await chromium.launch({
  executablePath: chromiumExecutable(env("BOARD_E2E_NODE_MODULES")),
  args: chromiumArgs,
});

/**
 * A page that records its requests, console problems and navigations. With `held` (a promise), the page's
 * scripts wait for it: the page is returned with its server HTML only (`page.html`), not hydrated.
 */
async function open(context, url, name, held) {
  const page = await context.newPage();
  page.log = { requests: [], problems: [], navigations: 0 };
  page.on("request", (r) => page.log.requests.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`));
  page.on("console", (m) => m.type() === "error" && page.log.problems.push(`${name}: ${m.text()} at ${m.location().url}`));
  page.on("pageerror", (e) => page.log.problems.push(`${name}: ${e}`));
  if (held) await page.route("**/static/*.js", async (route) => { await held; await route.continue(); });
  const response = await page.goto(url, held ? { waitUntil: "commit" } : {});
  page.on("framenavigated", (f) => f === page.mainFrame() && page.log.navigations++);
  if (held) page.html = await response.text();
  else await hydrated(page);
  return page;
}
// set by the root's effect (client.jsx): React has committed the page and run its effects, its subscriptions included
const hydrated = (page) => page.waitForFunction(() => window.__hydrated === true, null, { timeout: 30000 });
const cardIn = (page, column, title) => page.locator(`section.column:has(h2:text-is("${column}")) li.card:has(p.title:text-is("${title}"))`);
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

try {
  const stamp = Date.now().toString(36);
  const title = `Ship the release notes ${stamp}`;

  // 1. the server's HTML carries the cards: no script runs in this context
  const board = await (await fetch(urlA + "mizan/ctx/board?boardId=1")).json();
  const seedTitles = board.columns.flatMap((c) => c.cards.map((k) => k.title));
  check(seedTitles.length > 0, `board 1 has cards (${seedTitles.length})`);
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const raw = await noScript.newPage();
  await raw.goto(urlA + "?board=1");
  const shown = await raw.locator("li.card p.title").allTextContents();
  check(JSON.stringify(shown) === JSON.stringify(seedTitles), "with JavaScript off the page shows the board's cards, as GET /mizan/ctx/board has them");
  await shot(raw, "01-server-html-no-script");
  await noScript.close();

  // 1b. a board that does not exist: the page with a message and status 404, not its read's JSON error
  const missingRes = await fetch(urlA + "?board=99999");
  const missingHtml = await missingRes.text();
  check(missingRes.status === 404 && /^text\/html/.test(missingRes.headers.get("content-type")) && missingHtml.includes("No board 99999."),
    `?board=99999 answers the page saying so, with status 404 (${missingRes.status}, ${missingRes.headers.get("content-type")})`);
  const ctxMissing = await browser.newContext();
  const missingPage = await ctxMissing.newPage();
  const missingReads = [];
  missingPage.on("request", (r) => missingReads.push(new URL(r.url()).pathname));
  await missingPage.goto(urlA + "?board=99999");
  await hydrated(missingPage);
  await sleep(300); // the round trip of a read hydration would have started
  check((await missingPage.textContent("main p.error")) === "No board 99999." && !missingReads.some((p) => p.endsWith("/mizan/ctx/board")),
    `after hydration it still says so and reads no board (${missingReads.filter((p) => p.includes("/mizan/")).join(", ")})`);
  await ctxMissing.close();

  // 2. bob first, on his node, logged in; he watches while alice works
  const ctxB = await browser.newContext();
  const b1 = await open(ctxB, urlB, "bob");
  await b1.fill("#username", "bob");
  await b1.fill("#password", "bob-pw");
  await b1.click("#login");
  await b1.waitForSelector("#my-cards", { timeout: 15000 });

  // 3. alice: the page hydrates without fetching what it came with
  const ctxA = await browser.newContext();
  const a1 = await open(ctxA, urlA, "alice"); // hydrated: any read its subscriptions start has started
  await sleep(500); // and had time to reach the network
  const ctxGets = a1.log.requests.filter((r) => r.startsWith("GET ") && r.includes("/mizan/ctx/"));
  check(ctxGets.length === 0, `after hydration no GET for the contexts that came with the page (${ctxGets.join(", ")})`);
  await shot(a1, "02-anonymous");

  await a1.fill("#username", "alice");
  await a1.fill("#password", "wrong");
  await a1.click("#login");
  await a1.waitForSelector("#password-error", { timeout: 15000 });
  check(true, `a wrong password shows a field error ("${await a1.textContent("#password-error")}")`);
  await a1.fill("#password", "alice-pw");
  const loginAt = a1.log.requests.length;
  await a1.click("#login");
  await a1.waitForSelector("#my-cards", { timeout: 15000 });
  check((await a1.textContent("#user")).includes("alice"), "alice is logged in without a reload");
  // A stream's rights are fixed when it opens, so after the login the event stream reopens as alice
  // and resyncs (refetches what is mounted: docs/how-to/live-updates.md). Let that settle before
  // counting the requests a mutation costs.
  for (let waited = 0; !a1.log.requests.slice(loginAt).some((r) => r.includes("/mizan/events")); waited += 100) {
    if (waited > 15000) throw new Error("the event stream did not reopen after the login");
    await sleep(100);
  }
  await sleep(1500);

  // 4. an empty title: Bean Validation's message under the field
  await a1.click("#add");
  await a1.waitForSelector("#title-error", { timeout: 15000 });
  check((await a1.textContent("#title-error")) === "Give the card a title", "an empty title shows the field error from the server");
  await shot(a1, "03-field-error");
  // a title of ideographic spaces (an IME's space) is blank too, though Java's trim() keeps it
  await a1.fill("#title", "\u3000\u3000");
  const [blank] = await Promise.all([a1.waitForResponse((r) => r.url().endsWith("/mizan/call/addCard")), a1.click("#add")]);
  const blankBody = await blank.json();
  check(blank.status() === 400 && blankBody.error?.fields?.title?.join() === "Give the card a title", `a title of ideographic spaces is refused (${blank.status()} ${JSON.stringify(blankBody.error?.fields)})`);

  // 5. a valid card: one request, no reload; bob sees it arrive
  await a1.fill("#title", title);
  const before = a1.log.requests.length;
  await a1.click("#add");
  await cardIn(a1, "To do", title).waitFor({ timeout: 15000 });
  await sleep(300);
  const during = a1.log.requests.slice(before).filter((r) => r.includes("/mizan/"));
  check(during.length === 1 && during[0] === `POST ${new URL(urlA).pathname}mizan/call/addCard`, `adding a card cost one request (${during.join(", ")})`);
  check((await a1.locator("#my-cards li").allTextContents()).some((t) => t.includes(title)), "the card is in alice's own cards");
  await cardIn(b1, "To do", title).waitFor({ timeout: 20000 });
  check(true, "bob saw alice's new card arrive");
  await shot(a1, "04-card-added");

  // 6. a second tab of alice's; then alice moves the card to Done
  const a2 = await open(ctxA, urlA, "alice tab 2");
  check(await cardIn(a2, "To do", title).count() === 1, "alice's second tab shows the card");
  const beforeMove = a1.log.requests.length;
  await cardIn(a1, "To do", title).locator("select.move").selectOption({ label: "Done" });
  await cardIn(a1, "Done", title).waitFor({ timeout: 15000 });
  await sleep(300);
  const moving = a1.log.requests.slice(beforeMove).filter((r) => r.includes("/mizan/"));
  check(moving.length === 1 && moving[0].endsWith("mizan/call/moveCard"), `moving a card cost one request (${moving.join(", ")})`);
  await cardIn(b1, "Done", title).waitFor({ timeout: 20000 });
  check(true, "bob saw the move arrive");
  await cardIn(a2, "Done", title).waitFor({ timeout: 20000 });
  check(true, "alice's second tab saw the move");
  check(b1.log.navigations === 0 && a1.log.navigations === 0 && a2.log.navigations === 0, "no page reloaded");
  await shot(b1, "05-bob-sees-move");

  // 7. bob never sees alice's own cards
  const bobMine = await b1.locator("#my-cards").textContent();
  check(!bobMine.includes(title), "bob's 'My cards' does not hold alice's card");
  const bobCtx = await b1.evaluate(async () => (await fetch("mizan/ctx/myCards")).json());
  check(Array.isArray(bobCtx) && !bobCtx.some((c) => c.title === title), "GET /mizan/ctx/myCards as bob holds none of alice's cards");
  // bob may move alice's card on the shared board, but neither rename nor delete it: his page offers
  // neither, and the server refuses the call he sends himself (with his own session and CSRF token)
  check(await cardIn(b1, "Done", title).locator("button.link").count() === 0, "bob's page offers no Rename or Delete on alice's card");
  const aliceCard = Number(await cardIn(a1, "Done", title).getAttribute("data-card"));
  // through bob's browser context's own request API: his cookies, and no console error on his page
  const { csrfToken } = await (await ctxB.request.get(urlB + "mizan/session")).json();
  const rename = await ctxB.request.post(urlB + "mizan/call/renameCard", { headers: { "Content-Type": "application/json", "Mizan-CSRF": csrfToken },
    data: JSON.stringify({ boardId: 1, cardId: aliceCard, title: "bob was here" }) });
  const refused = { status: rename.status(), code: (await rename.json()).error?.code };
  check(refused.status === 403 && refused.code === "forbidden", `bob's renameCard of alice's card is refused (${JSON.stringify(refused)})`);
  const still = await (await fetch(urlA + "mizan/ctx/board?boardId=1", { cache: "no-store" })).json();
  check(still.columns.some((c) => c.cards.some((k) => k.id === aliceCard && k.title === title)), "alice's card keeps its title");

  // 7b. pages rendered before a change catch up once their code runs (docs/how-to/live-updates.md,
  // "Catching up"): a new browser (carol: its first stream) and a second tab
  // of bob's (his first tab holds his browser's stream) get their HTML; alice adds a card before their
  // scripts are let through; once hydrated, both show it, with no reload and no poll
  const caught = `Caught up ${stamp}`;
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const ctxC = await browser.newContext();
  const c1 = await open(ctxC, urlB, "carol", held);
  const b2 = await open(ctxB, urlB, "bob tab 2", held);
  check(!c1.html.includes(caught) && !b2.html.includes(caught) && c1.html.includes("\"readAt\":"),
    "the held pages' server HTML predates the card, and their hydration data says when it was read (readAt)");
  await a1.fill("#title", caught);
  await a1.click("#add");
  await cardIn(a1, "To do", caught).waitFor({ timeout: 15000 });
  release();
  for (const [page, name] of [[c1, "carol"], [b2, "bob's second tab"]]) {
    await hydrated(page);
    await cardIn(page, "To do", caught).waitFor({ timeout: 20000 });
    const since = page.log.requests.filter((r) => /\/mizan\/events\?since=\d+$/.test(r));
    check(since.length === 1 && page.log.navigations === 0, `${name} caught up on the card added after its render (${since.join(", ")}), without a reload`);
  }
  await shot(c1, "05b-caught-up");
  await b2.close();
  await ctxC.close();

  // 8. the CSV export has the board as the context has it
  const [download] = await Promise.all([a1.waitForEvent("download", { timeout: 15000 }), a1.click("#export")]);
  const csv = readFileSync(await download.path(), "utf8");
  const now = await (await fetch(urlA + "mizan/ctx/board?boardId=1", { cache: "no-store" })).json();
  const expected = ["column,card,owner", ...now.columns.flatMap((c) => c.cards.map((k) => [c.name, k.title, k.owner].map((v) => `"${v.replaceAll('"', '""')}"`).join(",")))];
  check(csv.trimEnd().split("\r\n").join("\n") === expected.join("\n"), `the CSV export holds the board (${csv.split("\r\n").length - 2} cards)`);
  check(csv.includes(`"Done","${title}","alice"`), "the CSV has the moved card in Done");

  // a call that fails shows its error on the page and leaves no unhandled rejection (a page error):
  // a delete of a card that is no longer on the board (another browser deleted it first) and an export
  // of a board that does not exist (the server answers 404 to both), and a logout that never reaches
  // the server, which leaves alice logged in
  const elsewhere = (field) => (route) => route.continue({ postData: JSON.stringify({ ...JSON.parse(route.request().postData()), [field]: 987654321 }) });
  const shows = (locator) => locator.waitFor({ timeout: 15000 }).then(() => locator.textContent(), () => null);
  const problemsBefore = a1.log.problems.length;
  await a1.route("**/mizan/call/deleteCard", elsewhere("cardId"), { times: 1 });
  await cardIn(a1, "Done", title).locator("button.danger").click();
  const deleteError = await shows(cardIn(a1, "Done", title).locator("[role=alert]"));
  check(deleteError?.includes("No such card"), `a failed delete shows its error on the card ("${deleteError}")`);
  await a1.route("**/mizan/call/exportBoard", elsewhere("boardId"), { times: 1 });
  await a1.click("#export");
  const exportError = await shows(a1.locator(".board-head [role=alert]"));
  check(exportError?.includes("No such board"), `a failed export shows its error ("${exportError}")`);
  // an export whose answer breaks off mid-body: the call succeeded, its CSV never fully arrives (the
  // request goes to a server that sends the headers and part of the body, then drops the connection)
  const dropping = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/csv", "Content-Length": "100000", "Mizan-Invalidate": "[]" }).write('"Column","Title","Owner"\r\n');
    setTimeout(() => res.destroy(), 100);
  });
  await new Promise((r) => dropping.listen(0, "127.0.0.1", r));
  try {
    await a1.route("**/mizan/call/exportBoard", (route) => route.continue({ url: `http://127.0.0.1:${dropping.address().port}/` }), { times: 1 });
    await a1.click("#export");
    const bodyError = await shows(a1.locator('.board-head [role=alert]:has-text("The download failed")'));
    check(!!bodyError, `an export whose download breaks off shows its error ("${bodyError}")`);
  } finally {
    dropping.close();
  }
  await a1.route("**/mizan/call/logout", (route) => route.abort(), { times: 1 });
  await a1.click("#logout");
  const logoutError = await shows(a1.locator("header.top [role=alert]"));
  check(!!logoutError && (await a1.locator("#user").count()) === 1, `a failed logout shows its error and alice stays logged in ("${logoutError}")`);
  // the browser logs the two 404s, the broken-off download and the aborted request; anything else (a
  // page error) is a problem
  const raised = a1.log.problems.splice(problemsBefore).filter((p) => !/Failed to load resource: (.* status of 404|net::ERR_FAILED|net::ERR_CONTENT_LENGTH_MISMATCH)/.test(p));
  check(raised.length === 0, `the failed calls raised no page error (${raised.join(" | ")})`);
  await shot(a1, "05b-failed-calls");

  // alice deletes her card (the board stays as it was for the next run, on PostgreSQL too); bob sees it go
  await cardIn(a1, "Done", title).locator("button.danger").click();
  await cardIn(a1, "Done", title).waitFor({ state: "detached", timeout: 15000 });
  await cardIn(b1, "Done", title).waitFor({ state: "detached", timeout: 20000 });
  check(true, "alice deleted her card and bob saw it go");

  // 9. logout purges alice's USER entries from the server cache
  const probe = async () => (await fetch(urlB + "mizan/ctx/myCards", { headers: basic("alice") })).headers.get("Mizan-Cache");
  await probe();
  check((await probe()) === "hit", "alice's myCards is cached before logout (Mizan-Cache: hit)");
  await a1.click("#logout");
  await a1.waitForSelector("#login", { timeout: 15000 });
  check(await a1.locator("#my-cards").count() === 0, "after logout alice's own cards are gone from the page");
  await a2.waitForSelector("#my-cards", { state: "detached", timeout: 15000 });
  check(true, "alice's second tab dropped her own cards too");
  check((await probe()) === "miss", "after logout alice's myCards is gone from the server cache (Mizan-Cache: miss)");
  await shot(a1, "06-logged-out");
  await a2.waitForSelector("#login", { timeout: 15000 });
  check(true, "alice's second tab shows the login form again");
  // a login in one tab: the other tab shows who is signed in now (the kernel reads `me` again there)
  await a2.fill("#username", "bob");
  await a2.fill("#password", "bob-pw");
  await a2.click("#login");
  await a1.waitForFunction(() => document.querySelector("#user")?.textContent.includes("bob"), null, { timeout: 15000 }).catch(() => {});
  check((await a1.locator("#user").textContent().catch(() => "")).includes("bob"), "a login as bob in the second tab shows bob in the first tab too");

  // a phone-sized look at the board before logging in: the header stays compact, two short rows (the
  // brand, then the login form on one line), so the board starts within the first screen
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  const onPhone = await open(phone, urlB, "phone");
  await shot(onPhone, "07-phone");
  const box = (selector) => onPhone.locator(selector).boundingBox();
  const [header, user, password, login] = [await box("header.top"), await box("#username"), await box("#password"), await box("#login")];
  check(header.height <= 110, `on a phone the header is at most 110 px tall (${Math.round(header.height)})`);
  check([password, login].every((b) => Math.abs(b.y + b.height / 2 - (user.y + user.height / 2)) < 4),
    "on a phone the user field, the password field and the login button share one row");
  const [pageWidth, screenWidth] = await onPhone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(pageWidth <= screenWidth, `on a phone nothing is wider than the screen (${pageWidth} px of ${screenWidth})`);
  await phone.close();

  // the browser logs every refused request: the wrong password and the empty title (400), and the USER
  // read that a logout refuses before the page drops it (401); anything else is a problem
  const problems = [a1, a2, b1, onPhone].flatMap((p) => p.log.problems).filter((p) => !/Failed to load resource: .* status of 40[01]/.test(p));
  check(problems.length === 0, `no console errors (${problems.join(" | ")})`);

  // 10. renames racing moves and deletes of the same cards, over HTTP: alice on her node, bob on his
  await races(urlA, urlB);

  await ctxA.close();
  await ctxB.close();
} finally {
  await browser.close();
  stopServer();
}
console.log(`screenshots: ${shots}`);
console.log(failures === 0 ? "board-e2e: all checks passed" : `board-e2e: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
