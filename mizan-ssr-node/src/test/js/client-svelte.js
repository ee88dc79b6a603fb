import { hydrate, mount } from "svelte";
import SveltePage from "./pages/SveltePage.svelte";
import { browserClient, pageData } from "./pages/mizan.js";

const target = document.getElementById("app");
const props = { client: browserClient(), ...pageData().props };
(target.dataset.mizanSsr === "rendered" ? hydrate : mount)(SveltePage, { target, props });
window.__hydrated = true;
