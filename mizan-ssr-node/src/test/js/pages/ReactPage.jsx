import { useMemo, useState, useSyncExternalStore } from "react";

export function ReactPage({ client, title }) {
  const handle = useMemo(() => client.registerContext("todos", { list: 3 }), [client]);
  const state = useSyncExternalStore(handle.subscribe, handle.getState, handle.getState);
  const [clicks, setClicks] = useState(0);
  return (
    <main>
      <h1>{title}</h1>
      <ul>{(state.data ?? []).map((t) => <li key={t.id}>{t.title}</li>)}</ul>
      <button id="inc" onClick={() => setClicks(clicks + 1)}>clicked {clicks}</button>
    </main>
  );
}
