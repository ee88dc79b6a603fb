// The browser bundle: hydrates the server-rendered page from __MIZAN_SSR_DATA__ (createClient seeds
// its entries from it, so nothing the page came with is fetched) and opens the live stream.
import { useEffect } from "react";
import { hydrateRoot, createRoot } from "react-dom/client";
import { createClient } from "@mizan/base";
import { connectEvents } from "@mizan/base/events";
import { MizanProvider } from "./generated/mizan.react.ts";
import { BoardPage } from "./Board.jsx";

const root = document.getElementById("app");
const { props } = JSON.parse(document.getElementById("__MIZAN_SSR_DATA__").textContent);
const client = createClient({ baseUrl: new URL(".", location.href).pathname });
connectEvents(client);
// hydrateRoot only schedules the work: the page counts as hydrated once React has committed it and run
// its effects, the page's subscriptions included (the root's effect runs after its children's), so a
// test that waits for __hydrated sees any fetch a subscription would start.
function Hydrated({ children }) {
  useEffect(() => {
    window.__hydrated = true;
  }, []);
  return children;
}
const page = <Hydrated><MizanProvider client={client}><BoardPage {...props} /></MizanProvider></Hydrated>;
if (root.dataset.mizanSsr === "rendered") hydrateRoot(root, page);
else createRoot(root).render(page);
