// The server side of hydrate.test.ts, bundled by the test with esbuild for Node (Svelte's server
// runtime, the page compiled with generate: "server") and run as a child process, as an SSR
// worker runs: reads the seed (SSR data) from stdin, renders the page with a client seeded from
// it that must never fetch, and writes the HTML to stdout.
import { createClient, type SsrData } from "@mizan/base";
import { render } from "svelte/server";
import Page from "./Page.svelte";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const client = createClient({ baseUrl: "", document: null, channel: false, fetch: () => Promise.reject(new Error("no fetch during SSR")) });
client.hydrate(JSON.parse(input) as SsrData);
process.stdout.write(render(Page, { props: { client } }).body);
client.close();
