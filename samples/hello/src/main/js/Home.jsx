// The page at the root of the sample: the greeting (a PUBLIC context, prefetched on the server and
// seeded into the browser) and a form that calls setGreeting, whose invalidation refetches it.
import { useMemo, useState, useSyncExternalStore } from "react";

export function Home({ client, heading, signedIn }) {
  const greeting = useMemo(() => client.registerContext("greeting"), [client]);
  const state = useSyncExternalStore(greeting.subscribe, greeting.getState, greeting.getState);
  const [text, setText] = useState("");
  const [error, setError] = useState(null);
  const g = state.data;
  const save = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      await client.call("setGreeting", { text, exclamations: 1 });
      setText("");
    } catch (e) {
      setError(e.message ?? String(e));
    }
  };
  return (
    <main>
      <h1>{heading}</h1>
      <p id="greeting">{g ? g.text + "!".repeat(g.exclamations) : "…"}</p>
      <form onSubmit={save}>
        <input id="text" value={text} onChange={(e) => setText(e.target.value)} placeholder="A new greeting" maxLength={80} />
        <button id="save" type="submit" disabled={text.trim() === ""}>Change the greeting</button>
      </form>
      {error && <p id="error" role="alert">{error}</p>}
      {signedIn && <Notes client={client} />}
    </main>
  );
}

/** The signed-in user's notes: a USER context, prefetched only for a signed-in request. */
function Notes({ client }) {
  const notes = useMemo(() => client.registerContext("notes"), [client]);
  const state = useSyncExternalStore(notes.subscribe, notes.getState, notes.getState);
  return (
    <section>
      <h2>Your notes</h2>
      <ul id="notes">{(state.data ?? []).map((n) => <li key={n.id}>{n.text}</li>)}</ul>
    </section>
  );
}
