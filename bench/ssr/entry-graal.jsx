// The same page for GraalJS inside the JVM: react-dom's browser server build, no Node built-ins.
import { renderToString } from "react-dom/server.browser";
import { ProductList } from "./page.jsx";

globalThis.mizanRender = (propsJson) => renderToString(<ProductList {...JSON.parse(propsJson)} />);
