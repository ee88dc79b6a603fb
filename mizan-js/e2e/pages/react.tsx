/** The React page of the end-to-end test: generated hooks against the live samples/hello. */
import { configure } from "@mizan/base";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { greeting, type Greeting } from "../generated/mizan.js";
import { keepPreviousData, useGreeting, useLetters, useSetGreeting } from "../generated/mizan.react.js";
import { appBase, show } from "./base.js";

configure({ baseUrl: appBase() });

function App() {
  const current = useGreeting();
  // Optimistic: the new greeting shows at once; rolled back if the server refuses it.
  const setGreeting = useSetGreeting({
    onMutate: (args, { setData }) => setData(greeting, {}, (old): Greeting => ({ ...old, ...args })),
  });
  const [page, setPage] = useState(0);
  const letters = useLetters({ page }, { placeholderData: keepPreviousData });
  return (
    <main>
      <h1>React</h1>
      <p id="status">{current.status}</p>
      <p id="greeting">{show(current.data)}</p>
      <button id="set" disabled={setGreeting.isPending} onClick={() => setGreeting.mutate({ text: "Hello from React", exclamations: 2 })}>
        Set greeting
      </button>
      <p id="letters" data-placeholder={String(letters.isPlaceholderData)}>{letters.data?.join(" ") ?? "…"}</p>
      <button id="next-page" onClick={() => setPage(page + 1)}>Next page</button>
    </main>
  );
}

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
