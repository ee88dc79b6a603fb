/** The React page of the end-to-end test: generated hooks against the live samples/hello. */
import { configure } from "@mizan/base";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { useGreeting, useSetGreeting } from "../generated/mizan.react.js";
import { appBase, show } from "./base.js";

configure({ baseUrl: appBase() });

function App() {
  const greeting = useGreeting();
  const setGreeting = useSetGreeting();
  return (
    <main>
      <h1>React</h1>
      <p id="status">{greeting.status}</p>
      <p id="greeting">{show(greeting.data)}</p>
      <button id="set" disabled={setGreeting.pending} onClick={() => void setGreeting.mutate({ text: "Hello from React", exclamations: 2 })}>
        Set greeting
      </button>
    </main>
  );
}

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
