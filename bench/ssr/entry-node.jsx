// Server bundle for the pool, the in-process loop and the HTTP render server (Node and Bun).
import { renderToString } from "react-dom/server";
import { ProductList } from "./page.jsx";

export function render({ props }) {
  return { html: renderToString(<ProductList {...props} />), head: "<title>Products</title>" };
}
