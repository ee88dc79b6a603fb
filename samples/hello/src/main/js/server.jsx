// The server bundle mizan-ssr-node runs: render({entry, props, url, data}) → {html, head}.
// `data` holds the contexts Java prefetched; the page reads them from a client seeded with them,
// so nothing is fetched inside the worker.
import { renderToString } from "react-dom/server";
import { createClient } from "@mizan/base";
import { Home } from "./Home.jsx";

const pages = { home: Home };

// The page's own icon: without one a browser asks for /favicon.ico at the server's root, outside the WAR.
const HEAD = '<link rel="icon" href="favicon.svg" type="image/svg+xml">';

export function render({ entry, props, data }) {
  const Page = pages[entry];
  if (!Page) throw new Error(`no page named ${entry}`);
  // a client of this render only; closed once the page is rendered, else it would hold the data
  // in the worker for its gcTime (5 minutes), render after render
  const client = createClient({ baseUrl: "", document: null, channel: false, fetch: () => Promise.reject(new Error("no fetch during SSR")) });
  try {
    client.hydrate(data);
    return { head: HEAD, html: renderToString(<Page client={client} {...props} />) };
  } finally {
    client.close();
  }
}
