// @vitest-environment happy-dom
/** The generated React adapter, rendered with react-dom against a real HTTP server. */
import { act, StrictMode, useState } from "react";
import { createRoot, hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { expect, test } from "vitest";
import { stableKey, type MizanClient } from "@mizan/base";
import { todos } from "../generated/mizan.js";
import { MizanProvider, useAddTodo, useTodos } from "../generated/mizan.react.js";
import { until } from "../../../base/test/support/server.js";
import { adapterTestHooks, type FakeMizan } from "./fake-server.js";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let server: FakeMizan;
let client: MizanClient;
let root: Root | undefined;
let container: HTMLElement;

adapterTestHooks(
  (t) => ({ server, client, container } = t),
  async () => {
    await act(async () => root?.unmount());
    root = undefined;
  },
);

function Todos(props: { initialList: number }) {
  const [list, setList] = useState(props.initialList);
  const state = useTodos({ list });
  const add = useAddTodo();
  return (
    <div>
      <p id="status">{state.status}</p>
      <ul>{state.data?.map((t) => <li key={t.id}>{t.title}</li>)}</ul>
      <button id="add" onClick={() => add.mutate({ list, title: "Eggs" })}>add</button>
      <button id="next" onClick={() => setList(list + 1)}>next</button>
      <p id="pending">{String(add.isPending)}</p>
    </div>
  );
}

const items = () => [...container.querySelectorAll("li")].map((li) => li.textContent);
const click = (id: string) => act(async () => container.querySelector<HTMLButtonElement>(`#${id}`)!.click());
const settle = (check: () => boolean) => act(() => until(check));

test("Strict Mode: one request, data rendered, a call refetches the invalidated read and the DOM follows", async () => {
  root = createRoot(container);
  await act(async () =>
    root!.render(
      <StrictMode>
        <MizanProvider client={client}>
          <Todos initialList={3} />
        </MizanProvider>
      </StrictMode>,
    ),
  );
  await settle(() => items().length === 1);
  expect(items()).toEqual(["Milk"]);
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]); // Strict Mode's double mount joined one request

  await click("add");
  await settle(() => items().length === 2);
  expect(items()).toEqual(["Milk", "Eggs"]);
  expect(container.querySelector("#pending")!.textContent).toBe("false");
  expect(server.reads("todos")).toHaveLength(2); // the refetch after addTodo's invalidate
  expect(server.reads("todos")[1]).toMatch(/^\/mizan\/ctx\/todos\?list=3&_mz=\d+\.[0-9a-z]+$/);
});

test("new params switch to another read; unmounting leaves nothing subscribed", async () => {
  root = createRoot(container);
  await act(async () =>
    root!.render(
      <MizanProvider client={client}>
        <Todos initialList={3} />
      </MizanProvider>,
    ),
  );
  await settle(() => items().length === 1);
  await click("next");
  await settle(() => items()[0] === "Bread");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3", "/mizan/ctx/todos?list=4"]);
  await act(async () => root!.unmount());
  root = undefined;
  await until(() => client.size === 0); // gcTime 0: no subscriber is left on either entry
});

test("server rendering and hydration use the SSR seed (getServerSnapshot) and fetch nothing", async () => {
  const key = stableKey("todos", { list: 3 }, todos.paramTypes);
  client.hydrate({ contexts: { [key]: { data: [{ id: 9, title: "Seeded", done: false, due: null, priority: "LOW" }] } } });
  const app = (
    <MizanProvider client={client}>
      <Todos initialList={3} />
    </MizanProvider>
  );
  const html = renderToString(app);
  expect(html).toContain("<li>Seeded</li>");
  container.innerHTML = html;
  const errors: unknown[] = [];
  await act(async () => {
    root = hydrateRoot(container, app, { onRecoverableError: (e) => errors.push(e) });
  });
  expect(items()).toEqual(["Seeded"]);
  expect(errors).toEqual([]);
  // the server records a request once it has read it: give a fetch started by hydration time to arrive
  await act(() => new Promise((r) => setTimeout(r, 100)));
  expect(server.reads("todos")).toEqual([]);
  expect(items()).toEqual(["Seeded"]); // a refetch would show the server's list 3 ("Milk")
});
