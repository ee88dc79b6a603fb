// @vitest-environment happy-dom
/** The generated Vue adapter, mounted with Vue's own createApp against a real HTTP server. */
import { createApp, createSSRApp, defineComponent, h, nextTick, ref, type App } from "vue";
import { renderToString } from "vue/server-renderer";
import { expect, test } from "vitest";
import { createClient, type MizanClient } from "@mizan/base";
import { MIZAN_CLIENT, mizanPlugin, useAddTodo, useMizanClient, useTodos } from "../generated/mizan.vue.js";
import { addTodo } from "../generated/mizan.js";
import { until } from "../../../base/test/support/server.js";
import { adapterTestHooks, type FakeMizan } from "./fake-server.js";

let server: FakeMizan;
let client: MizanClient;
let app: App | undefined;
let container: HTMLElement;

adapterTestHooks(
  (t) => ({ server, client, container } = t),
  async () => {
    app?.unmount();
    app = undefined;
  },
);

const list = ref(3);
const Todos = defineComponent({
  setup() {
    const todos = useTodos(() => ({ list: list.value })); // a getter: reactive params
    const mizan = useMizanClient();
    const adding = useAddTodo();
    return () =>
      h("div", [
        h("p", { id: "status" }, todos.status.value),
        h("ul", todos.data.value?.map((t) => h("li", { key: t.id }, t.title))),
        // a plain call (not a composable), with the injected client
        h("button", { id: "add", onClick: () => void mizan.call(addTodo, { list: list.value, title: "Eggs" }) }, "add"),
        h("button", { id: "add2", onClick: () => void adding.mutate({ list: list.value, title: "Jam" }) }, "add2"),
        h("p", { id: "pending" }, String(adding.isPending.value)),
      ]);
  },
});

const items = () => [...container.querySelectorAll("li")].map((li) => li.textContent);
const click = async (id: string) => {
  container.querySelector<HTMLButtonElement>(`#${id}`)!.click();
  await nextTick();
};

test("mounts, shows data, a call refetches the invalidated read, the DOM follows", async () => {
  list.value = 3;
  app = createApp(Todos).use(mizanPlugin(client));
  app.mount(container);
  await until(() => items().length === 1);
  expect(items()).toEqual(["Milk"]);
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
  await click("add");
  await until(() => items().length === 2);
  expect(items()).toEqual(["Milk", "Eggs"]);
  await click("add2");
  await until(() => items().length === 3);
  expect(items()).toEqual(["Milk", "Eggs", "Jam"]);
  expect(container.querySelector("#pending")!.textContent).toBe("false");
  expect(server.reads("todos")).toHaveLength(3);
});

test("a change of a reactive param refetches; unmounting unsubscribes (the exported injection key works too)", async () => {
  list.value = 3;
  app = createApp(Todos);
  app.provide(MIZAN_CLIENT, client);
  app.mount(container);
  await until(() => items()[0] === "Milk");
  list.value = 4;
  await until(() => items()[0] === "Bread");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3", "/mizan/ctx/todos?list=4"]);
  app.unmount();
  app = undefined;
  await until(() => client.size === 0);
});

test("a server render shows what the page seeded and fetches nothing: an unseeded read is pending (docs/reference/client.md)", async () => {
  list.value = 4;
  const perRequest = createClient({ baseUrl: server.baseUrl, channel: false, gcTime: 300, document: null });
  const unseeded = await renderToString(createSSRApp(Todos).use(mizanPlugin(perRequest)));
  expect(unseeded).toContain('<p id="status">pending</p>');
  expect(unseeded).not.toContain("<li>");
  // seeded, as a page's __MIZAN_SSR_DATA__ seeds it: rendered from the seed
  const data = await (await fetch(`${server.baseUrl}/mizan/ctx/todos?list=4`)).json();
  perRequest.hydrate({ contexts: { "todos|{\"list\":4}": { data, updatedAt: Date.now() } } });
  const seeded = await renderToString(createSSRApp(Todos).use(mizanPlugin(perRequest)));
  expect(seeded).toContain("<li>Bread</li>");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=4"]); // the test's own fetch, none by the renders
  await until(() => perRequest.size === 0); // collected: no subscription was left behind by the server renders
  perRequest.close();
});
