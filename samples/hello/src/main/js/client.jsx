// The browser bundle: hydrates the server-rendered page (or renders the fallback shell) with the data
// and props Java embedded in __MIZAN_SSR_DATA__; createClient seeds its entries from that script.
import { useEffect } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { createClient } from "@mizan/base";
import { Home } from "./Home.jsx";

const pages = { home: Home };
const root = document.getElementById("app");
const { entry, props } = JSON.parse(document.getElementById("__MIZAN_SSR_DATA__").textContent);
// The page sits at the root of the WAR, so the application's base URL is this directory.
const client = createClient({ baseUrl: new URL(".", location.href).pathname });
const Page = pages[entry];
// hydrateRoot only schedules the work: the page counts as hydrated once React has committed it and run
// its effects, the pages' subscriptions included (the root's effect runs after its children's), so a
// test that waits for __hydrated sees any fetch a subscription would start.
function Hydrated({ children }) {
  useEffect(() => {
    window.__hydrated = true;
  }, []);
  return children;
}
const page = <Hydrated><Page client={client} {...props} /></Hydrated>;
if (root.dataset.mizanSsr === "rendered") hydrateRoot(root, page);
else createRoot(root).render(page);
