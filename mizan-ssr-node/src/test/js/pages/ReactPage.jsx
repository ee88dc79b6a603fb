import { useMemo, useState, useSyncExternalStore } from "react";

// `note` is user HTML rendered as is (as a sanitizer's output would be): HydrationSafetyIntegrationTest
// puts an element with the data script's id in it.
export function ReactPage({ client, title, note }) {
  const handle = useMemo(() => client.registerContext("todos", { list: 3 }), [client]);
  const state = useSyncExternalStore(handle.subscribe, handle.getState, handle.getState);
  const [clicks, setClicks] = useState(0);
  return (
    <main>
      <h1>{title}</h1>
      {note ? <div dangerouslySetInnerHTML={{ __html: note }} /> : null}
      <ul>{(state.data ?? []).map((t) => <li key={t.id}>{t.title}</li>)}</ul>
      <button id="inc" onClick={() => setClicks(clicks + 1)}>clicked {clicks}</button>
    </main>
  );
}
