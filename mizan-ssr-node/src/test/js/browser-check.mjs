// Opens pages in Chromium (playwright-core) and reports what happened, as one JSON line on stdout:
//   node browser-check.mjs <url> [<url> ...]
// The Chromium is etc/chromium.mjs's choice (MIZAN_CHROMIUM, Debian's, or @sparticuz/chromium's from
// this module's node_modules); one that cannot start fails the run with the reason on stderr.
// For each page: every console message, every request made, dialogs opened, whether the client
// bundle ran (window.__hydrated), the #app text before and after clicking #inc, and the SSR data
// as the browser parses it (JSON.parse of the script's text).
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumExecutable } from "../../../../etc/chromium.mjs";

const urls = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: chromiumExecutable(fileURLToPath(new URL("../../../node_modules", import.meta.url))),
  args: chromiumArgs,
});
const results = [];
try {
  for (const url of urls) {
    const page = await browser.newPage();
    const result = { url, console: [], requests: [], dialogs: 0, pageErrors: [] };
    page.on("console", (m) => result.console.push({ type: m.type(), text: m.text() }));
    page.on("pageerror", (e) => result.pageErrors.push(String(e)));
    page.on("request", (r) => result.requests.push(r.url()));
    page.on("dialog", async (d) => { result.dialogs++; await d.dismiss(); });
    const response = await page.goto(url, { waitUntil: "load" });
    result.status = response.status();
    await page.waitForFunction(() => window.__hydrated === true, null, { timeout: 10000 }).catch(() => {});
    await page.waitForTimeout(300); // let a mismatch warning or a stray fetch show up
    result.hydrated = await page.evaluate(() => window.__hydrated === true);
    result.textBefore = await page.evaluate(() => document.getElementById("app")?.textContent ?? null);
    if (await page.$("#inc")) {
      await page.click("#inc");
      await page.waitForTimeout(100);
    }
    result.textAfter = await page.evaluate(() => document.getElementById("app")?.textContent ?? null);
    result.data = await page.evaluate(() => {
      const s = document.getElementById("__MIZAN_SSR_DATA__");
      return s ? JSON.parse(s.textContent) : null;
    });
    result.xss = await page.evaluate(() => window.__xss === true);
    results.push(result);
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results) + "\n");
