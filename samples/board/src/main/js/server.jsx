// The server bundle mizan-ssr-node runs: render({entry, props, data}) → {html, head}. The contexts
// Java prefetched come in `data` and seed a client of this render only; nothing is fetched here.
import { renderToString } from "react-dom/server";
import { createClient } from "@mizan/base";
import { MizanProvider } from "./generated/mizan.react.ts";
import { BoardPage } from "./Board.jsx";

const HEAD = '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="static/board.css">'
  + '<link rel="icon" href="favicon.svg" type="image/svg+xml">';

export function render({ entry, props, data }) {
  if (entry !== "board") throw new Error(`no page named ${entry}`);
  const client = createClient({ baseUrl: "", document: null, channel: false, fetch: () => Promise.reject(new Error("no fetch during SSR")) });
  try {
    client.hydrate(data);
    return { head: HEAD, html: renderToString(<MizanProvider client={client}><BoardPage {...props} /></MizanProvider>) };
  } finally {
    client.close(); // else the client would hold the data in the worker for its gcTime, render after render
  }
}
