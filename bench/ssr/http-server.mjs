// An HTTP render server of the kind Inertia.js runs (POST a page as JSON, get {head, body} back as
// JSON), with N worker processes behind node:cluster. `node http-server.mjs <server.mjs> <port> <N>`
import cluster from "node:cluster";
import http from "node:http";
import { pathToFileURL } from "node:url";

const [bundle, port, workers] = process.argv.slice(2);
if (cluster.isPrimary) {
  for (let i = 0; i < Number(workers); i++) cluster.fork();
  let up = 0;
  cluster.on("listening", () => { if (++up === Number(workers)) console.log("listening"); });
  process.stdin.on("end", () => { for (const w of Object.values(cluster.workers)) w.kill(); process.exit(0); });
  process.stdin.resume();
} else {
  const { render } = await import(pathToFileURL(bundle).href);
  http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const page = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const out = render(page);
      const body = JSON.stringify({ head: [out.head], body: out.html });
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    });
  }).listen(Number(port), "127.0.0.1");
}
