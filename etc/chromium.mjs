// The one place that picks the Chromium every browser test drives (mizan-js/e2e, samples/*-e2e,
// mizan-ssr-node's hydration tests); README "Running the tests" and docs/how-to/browser-tests.md.
// In order:
//   1. MIZAN_CHROMIUM: a path to a Chromium, or `npm` for the one the npm package ships (below);
//   2. Debian's /usr/bin/chromium, where it is installed;
//   3. the headless Chromium for Linux x64 that @sparticuz/chromium ships inside its npm tarball, a
//      devDependency of every package that runs browser tests, so `npm ci` brings it: unpacked once into
//      that node_modules/.cache, with the NSS libraries and fonts it ships and a launcher script that
//      puts them in use (a machine without libnss3 or fonts runs it as it is).
// A browser that cannot start fails the run with the reason; nothing is skipped.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliDecompressSync } from "node:zlib";

const DEBIAN = "/usr/bin/chromium";
const PACKAGE = "@sparticuz/chromium";

/** The flags every browser test launches it with: headless, no sandbox (CI runs as root), nothing fetched. */
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * The path of the Chromium to launch (playwright-core's `executablePath`), checked to start.
 * `nodeModules` is the caller's node_modules, where playwright-core and @sparticuz/chromium are.
 */
export function chromiumExecutable(nodeModules) {
  const chosen = process.env.MIZAN_CHROMIUM;
  let path;
  let from;
  if (chosen && chosen !== "npm") {
    [path, from] = [resolve(chosen), "MIZAN_CHROMIUM"];
  } else if (!chosen && existsSync(DEBIAN)) {
    [path, from] = [DEBIAN, "Debian's package"];
  } else {
    [path, from] = [unpacked(nodeModules, chosen ? "MIZAN_CHROMIUM=npm" : `MIZAN_CHROMIUM is not set, ${DEBIAN} is not installed`), PACKAGE];
  }
  let version;
  try {
    version = execFileSync(path, ["--version"], { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (e) {
    throw new Error(`Chromium from ${from} at ${path} does not start: ${(e.stderr || e.message).toString().trim()}`);
  }
  console.error(`chromium: ${version} from ${from} (${path})`);
  return path;
}

/** The launcher of @sparticuz/chromium's browser under `nodeModules`, unpacked on first use; `why` it is the one. */
function unpacked(nodeModules, why) {
  const pkg = join(nodeModules, PACKAGE);
  if (!existsSync(join(pkg, "package.json"))) {
    throw new Error(`no Chromium to run: ${why}, and ${pkg} is not installed `
      + `(npm ci in ${resolve(nodeModules, "..")} installs it; or set MIZAN_CHROMIUM to a Chromium)`);
  }
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`${PACKAGE} ships Chromium for Linux x64 only, not ${process.platform} ${process.arch}: set MIZAN_CHROMIUM to a Chromium`);
  }
  const { version } = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  const dir = join(nodeModules, ".cache", "mizan-chromium", version);
  const launcher = join(dir, "chromium");
  if (existsSync(launcher)) return launcher;

  // Unpacked beside the final directory, then renamed into place: a run that stopped halfway, or
  // another run unpacking at the same time, never leaves a partial one where the launcher is looked for.
  const work = `${dir}.${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const br = (name) => brotliDecompressSync(readFileSync(join(pkg, "bin", name)));
  writeFileSync(join(work, "headless-chromium"), br("chromium.br"));
  chmodSync(join(work, "headless-chromium"), 0o755);
  execFileSync("tar", ["-x", "--no-same-owner", "-C", work], { input: br("al2023.tar.br") }); // lib/: libnss3, libnspr4, libexpat
  execFileSync("tar", ["-x", "--no-same-owner", "-C", work], { input: br("fonts.tar.br") }); // fonts/: Open Sans
  // The machine's own fonts where it has any, the package's Open Sans where it has none (this replaces
  // the package's fonts.conf, which names directories of AWS Lambda's).
  writeFileSync(join(work, "fonts.conf"), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${dir}/fonts</dir>
  <cachedir>${dir}/fonts-cache</cachedir>
</fontconfig>
`);
  writeFileSync(join(work, "chromium"), `#!/bin/sh
# ${PACKAGE} ${version}'s headless Chromium with the libraries and fonts it ships (written by etc/chromium.mjs)
LD_LIBRARY_PATH="${dir}/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" FONTCONFIG_FILE="${dir}/fonts.conf" exec "${dir}/headless-chromium" "$@"
`);
  chmodSync(join(work, "chromium"), 0o755);
  try {
    renameSync(work, dir);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(launcher)) throw e; // else another run put its copy there first
  }
  console.error(`chromium: unpacked ${PACKAGE} ${version} into ${dir}`);
  return launcher;
}
