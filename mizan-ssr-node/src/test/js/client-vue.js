import { createApp, createSSRApp } from "vue";
import { VuePage } from "./pages/vue-page.js";
import { browserClient, pageData } from "./pages/mizan.js";

const root = document.getElementById("app");
const props = { client: browserClient(), ...pageData().props };
(root.dataset.mizanSsr === "rendered" ? createSSRApp : createApp)(VuePage, props).mount(root);
window.__hydrated = true;
