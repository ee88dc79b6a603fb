// The ceiling: renderToString in one process, no IPC. `node|bun inprocess.mjs <server.mjs> <props.json> <seconds>`
// prints {"renders","seconds","p50","p99","over3","bytes"} (latencies in microseconds; over3: the percentage
// of renders slower than 3 x p50).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [bundle, propsFile, seconds] = process.argv.slice(2);
const { render } = await import(pathToFileURL(bundle).href);
const propsJson = readFileSync(propsFile, "utf8");
const buffer = Buffer.allocUnsafe(1024 * 1024);
const run = (ms) => {
  const lat = [];
  let bytes = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    const t = performance.now();
    // the worker's work without the pipes: the props arrive as JSON text (the worker parses its request
    // line; the JVM wrote the text, so nothing here serialises), the page leaves as UTF-8 bytes in a
    // Buffer kept from one render to the next
    const out = render({ entry: "page", props: JSON.parse(propsJson) });
    const headLen = buffer.write(out.head, 0, "utf8");
    bytes = headLen + buffer.write(out.html, headLen, "utf8");
    lat.push((performance.now() - t) * 1000);
  }
  return { lat, elapsed: (performance.now() - start) / 1000, bytes };
};
run(1000); // warm-up
const { lat, elapsed, bytes } = run(Number(seconds) * 1000);
lat.sort((a, b) => a - b);
const p50 = lat[Math.floor(lat.length * 0.5)];
const over3 = (100 * lat.filter((us) => us > 3 * p50).length) / lat.length;
console.log(JSON.stringify({ renders: lat.length, seconds: elapsed, p50, p99: lat[Math.floor(lat.length * 0.99)], over3, bytes }));
