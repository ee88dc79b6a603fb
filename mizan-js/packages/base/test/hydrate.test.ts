// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test } from "vitest";
import { configure, createClient, type MizanClient, readSsrData, registerContext, stableKey } from "../src/index.js";
import { startServer, until, type TestServer } from "./support/server.js";

let server: TestServer;

function page(contexts: Record<string, unknown>) {
  document.body.innerHTML = "";
  const script = document.createElement("script");
  script.type = "application/json";
  script.id = "__MIZAN_SSR_DATA__";
  // escaped as the server writes it (docs/how-to/ssr.md)
  script.textContent = JSON.stringify({ contexts }).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  document.body.appendChild(script);
}

beforeEach(async () => {
  server = await startServer(() => ({ body: "fetched" }));
  // the page comes from the server it talks to (same origin), as a server-rendered page does
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${server.baseUrl}/app/page`);
});
afterEach(async () => {
  await server.close();
});

const todos = { name: "todos", scope: "user", paramTypes: { list: "integer" } } as const;

test("configure reads __MIZAN_SSR_DATA__ from the document; seeded contexts do not fetch", async () => {
  page({
    [stableKey("todos", { list: 3 }, todos.paramTypes)]: { data: ["<b>a & b</b>"], updatedAt: 1700000000000 },
    "catalog|{}": { data: { items: 2 }, updatedAt: 1700000000001 },
  });
  const client = configure({ baseUrl: server.baseUrl, channel: false });
  const seeded = registerContext(todos, { list: 3 });
  const catalog = registerContext("catalog");
  const seen: unknown[] = [];
  seeded.subscribe(() => seen.push(seeded.getState()));
  catalog.subscribe(() => {});
  expect(seeded.getState()).toEqual({
    status: "success",
    isPending: false,
    isSuccess: true,
    isError: false,
    data: ["<b>a & b</b>"],
    error: null,
    isFetching: false,
    dataUpdatedAt: 1700000000000,
    isPlaceholderData: false,
  });
  expect(catalog.getState().data).toEqual({ items: 2 });
  // a read that was not seeded does fetch
  const other = registerContext(todos, { list: 4 });
  other.subscribe(() => {});
  await until(() => other.getState().status === "success");
  expect(server.requests.map((r) => r.url)).toEqual(["/mizan/ctx/todos?list=4"]);
  expect(seen).toEqual([]);
  client.close();
});

test("a seeded context refetches once invalidated, keeping the seed meanwhile", async () => {
  page({ "todos|{\"list\":3}": { data: ["seed"], updatedAt: 1 } });
  const client = createClient({ baseUrl: server.baseUrl, channel: false });
  const h = client.registerContext(todos, { list: 3 });
  h.subscribe(() => {});
  client.invalidate([{ context: "todos", params: { list: 3 } }]);
  expect(h.getState()).toMatchObject({ status: "success", data: ["seed"], isFetching: true });
  await until(() => h.getState().data === "fetched");
  expect(server.requests).toHaveLength(1);
  client.close();
});

test("a page without SSR data seeds nothing", () => {
  document.body.innerHTML = "";
  const client = createClient({ baseUrl: server.baseUrl, channel: false });
  expect(client.size).toBe(0);
  client.close();
});

// DOM clobbering: rendered content (user HTML a sanitizer passed: DOMPurify keeps `id`) that carries the
// data script's id must not stand in for the server's script (docs/reference/security.md).
const forged = JSON.stringify({ contexts: { "todos|{\"list\":3}": { data: ["forged"], updatedAt: 2 } } });

test("an element of the page with the data script's id, ahead of the script, is not read as data", () => {
  const real = JSON.stringify({ contexts: { "todos|{\"list\":3}": { data: ["real"], updatedAt: 1 } } });
  // the layout the server wrote before it put the script first: content, then the data script
  document.body.innerHTML = `<div id="app"><p id="__MIZAN_SSR_DATA__">${forged}</p></div>`
    + `<script type="application/json" id="__MIZAN_SSR_DATA__">${real}</script>`;
  expect(document.getElementById("__MIZAN_SSR_DATA__")?.tagName).toBe("P");
  expect(readSsrData(document)?.contexts).toEqual({ "todos|{\"list\":3}": { data: ["real"], updatedAt: 1 } });
  const client = createClient({ baseUrl: server.baseUrl, channel: false });
  expect(client.registerContext(todos, { list: 3 }).getState().data).toEqual(["real"]);
  client.close();
});

test("only a JSON script is data: a lone element with the id, or a script of another type, seeds nothing", () => {
  for (const html of [
    `<p id="__MIZAN_SSR_DATA__">${forged}</p>`,
    `<textarea id="__MIZAN_SSR_DATA__">${forged}</textarea>`,
    `<script type="text/plain" id="__MIZAN_SSR_DATA__">${forged}</script>`,
  ]) {
    document.body.innerHTML = html;
    expect(readSsrData(document), html).toBeUndefined();
    const client = createClient({ baseUrl: server.baseUrl, channel: false });
    expect(client.size, html).toBe(0);
    client.close();
  }
});

test("hydrated data replaces pending optimistic writes: undoing one afterwards leaves the server's data", async () => {
  document.body.innerHTML = "";
  const client = createClient({ baseUrl: server.baseUrl, channel: false });
  const key = stableKey("todos", { list: 3 }, todos.paramTypes);
  client.hydrate({ contexts: { [key]: { data: ["first"], updatedAt: 1 } } });
  const h = client.registerContext(todos, { list: 3 });
  h.subscribe(() => {});
  const undo = client.setData(todos, { list: 3 }, ["optimistic"]);
  expect(h.getState().data).toEqual(["optimistic"]);
  client.hydrate({ contexts: { [key]: { data: ["second"], updatedAt: 2 } } });
  expect(h.getState()).toMatchObject({ data: ["second"], dataUpdatedAt: 2 });
  undo(); // a failed mutation rolls back after the page's new data came in
  expect(h.getState()).toMatchObject({ data: ["second"], dataUpdatedAt: 2 });
  expect(server.requests).toHaveLength(0);
  client.close();
});
