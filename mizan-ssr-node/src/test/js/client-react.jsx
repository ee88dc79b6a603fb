import { hydrateRoot, createRoot } from "react-dom/client";
import { ReactPage } from "./pages/ReactPage.jsx";
import { browserClient, pageData } from "./pages/mizan.js";

const root = document.getElementById("app");
const page = <ReactPage client={browserClient()} {...pageData().props} />;
if (root.dataset.mizanSsr === "rendered") hydrateRoot(root, page);
else createRoot(root).render(page);
window.__hydrated = true;
