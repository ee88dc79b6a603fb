// The browser bundle: hydrates the server-rendered page (or renders the fallback shell) with the data
// and props Java embedded in __MIZAN_SSR_DATA__; createClient seeds its entries from that script.
import { createRoot, hydrateRoot } from "react-dom/client";
import { createClient } from "@mizan/base";
import { Home } from "./Home.jsx";

const pages = { home: Home };
const root = document.getElementById("app");
const { entry, props } = JSON.parse(document.getElementById("__MIZAN_SSR_DATA__").textContent);
// The page sits at the root of the WAR, so the application's base URL is this directory.
const client = createClient({ baseUrl: new URL(".", location.href).pathname });
const Page = pages[entry];
const page = <Page client={client} {...props} />;
if (root.dataset.mizanSsr === "rendered") hydrateRoot(root, page);
else createRoot(root).render(page);
window.__hydrated = true;
