// @vitest-environment happy-dom
/**
 * @mizan/vue mounted with Vue's createApp against a real HTTP server (the fixture schema's todos and
 * addTodo): v5 status words, `enabled` as a ref, `placeholderData` across a param change, `mutate`
 * that never rejects, optimistic updates and their rollback, `onSchemaMismatch`, and a server
 * render hydrated by createSSRApp.
 */
import { createApp, createSSRApp, defineComponent, effectScope, h, nextTick, ref, watch, type App, type EffectScope } from "vue";
import { renderToString } from "vue/server-renderer";
import { expect, test, vi } from "vitest";
import { createClient, type MizanClient, type SchemaMismatch } from "@mizan/base";
import { keepPreviousData, mizanPlugin, useMizanClient, useMizanContext, useMutation } from "@mizan/vue";
import { addTodo, todos } from "../../codegen/test/generated/mizan.js";
import { deferred, until } from "../../base/test/support/server.js";
import { adapterTestHooks, draft, rendered, workerClient, type AdapterTest, type FakeMizan } from "../../codegen/test/adapters/fake-server.js";

let server: FakeMizan;
let client: MizanClient;
let app: App | undefined;
let container: HTMLElement;
let unhandled: AdapterTest["unhandled"];

adapterTestHooks(
  (t) => ({ server, client, container, unhandled } = t),
  async () => {
    app?.unmount();
    app = undefined;
  },
);

const text = (id: string) => rendered(container).text(id);
const items = () => rendered(container).items();
const click = async (id: string) => {
  container.querySelector<HTMLButtonElement>(`#${id}`)!.click();
  await nextTick();
};
const renders: string[] = [];
/** Seeds the test's client as a server-rendered page does: list 3 holds "Seeded". */
const seedList3 = () =>
  client.hydrate({ contexts: { [client.registerContext(todos, { list: 3 }).key]: { data: [{ id: 1, title: "Seeded", done: false, due: null, priority: "LOW" }], updatedAt: Date.now() } } });

function list(options: { enabled?: boolean; placeholder?: boolean; optimistic?: boolean } = {}) {
  const page = ref(3);
  const enabled = ref(options.enabled ?? true);
  const Component = defineComponent({
    setup() {
      const read = useMizanContext(todos, () => ({ list: page.value }), {
        enabled,
        ...(options.placeholder ? { placeholderData: keepPreviousData } : {}),
      });
      const add = useMutation(addTodo, {
        onMutate: options.optimistic
          ? (args, { setData }) => setData(todos, { list: args.list }, (old) => [...(old ?? []), draft(args.title)])
          : undefined,
      });
      return () => {
        renders.push(`${read.status.value}/${read.isFetching.value}/${read.data.value?.map((t) => t.title).join(",") ?? "-"}`);
        return h("div", [
          h("p", { id: "status" }, read.status.value),
          h("p", { id: "flags" }, `${read.isPending.value} ${read.isSuccess.value} ${read.isError.value}`),
          h("p", { id: "placeholder" }, String(read.isPlaceholderData.value)),
          h("ul", read.data.value?.map((t) => h("li", { key: t.id }, t.title))),
          h("button", { id: "add", onClick: () => add.mutate({ list: page.value, title: "Eggs" }) }),
          h("button", { id: "blank", onClick: () => add.mutate({ list: page.value, title: " " }) }),
          h("p", { id: "mutation" }, add.status.value),
          h("p", { id: "mutation-error" }, add.isError.value ? (add.error.value as { code: string }).code : ""),
        ]);
      };
    },
  });
  return { Component, page, enabled };
}

function mount(component: ReturnType<typeof list>["Component"], c: MizanClient = client) {
  app = createApp(component).use(mizanPlugin(c));
  app.mount(container);
}

test("status transitions in v5 words: pending → pending and fetching → success", async () => {
  renders.length = 0;
  mount(list().Component);
  await until(() => text("status") === "success");
  expect(text("flags")).toBe("false true false");
  const seen = [...new Set(renders)];
  expect(seen[0]).toBe("pending/false/-");
  expect(seen).toContain("pending/true/-");
  expect(seen.at(-1)).toBe("success/false/Milk");
});

test("enabled (a ref): false fetches nothing until it becomes true", async () => {
  const l = list({ enabled: false });
  mount(l.Component);
  await new Promise((r) => setTimeout(r, 50));
  expect(text("flags")).toBe("true false false");
  expect(server.reads("todos")).toEqual([]);
  l.enabled.value = true;
  await until(() => items()[0] === "Milk");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
});

test("placeholderData: keepPreviousData shows the previous list while the next one loads", async () => {
  const l = list({ placeholder: true });
  mount(l.Component);
  await until(() => items()[0] === "Milk");
  const gate = deferred();
  server.readGate = gate.promise;
  renders.length = 0;
  l.page.value = 4;
  await until(() => server.reads("todos").length === 2);
  await nextTick();
  expect(items()).toEqual(["Milk"]);
  expect(text("placeholder")).toBe("true");
  expect(text("status")).toBe("success");
  gate.resolve();
  await until(() => items()[0] === "Bread");
  expect(text("placeholder")).toBe("false");
  expect(renders.filter((r) => r.startsWith("pending"))).toEqual([]);
});

test("placeholderData: keepPreviousData keeps data that was there at setup (seeded by SSR) across a param change", async () => {
  seedList3();
  const l = list({ placeholder: true });
  mount(l.Component); // at once: the test client's gcTime is 0
  await nextTick();
  expect(items()).toEqual(["Seeded"]);
  const gate = deferred();
  server.readGate = gate.promise;
  renders.length = 0;
  l.page.value = 4;
  await until(() => server.reads("todos").length === 1);
  await nextTick();
  const shown = { items: items(), placeholder: text("placeholder") };
  gate.resolve();
  expect(shown).toEqual({ items: ["Seeded"], placeholder: "true" });
  await until(() => items()[0] === "Bread");
  expect(renders.filter((r) => r.startsWith("pending"))).toEqual([]);
});

test("mutate never rejects: a server error is rendered from the state, no unhandled rejection", async () => {
  mount(list().Component);
  await until(() => items()[0] === "Milk");
  await click("blank");
  await until(() => text("mutation") === "error");
  expect(text("mutation-error")).toBe("invalid_params");
  await new Promise((r) => setTimeout(r, 20));
  expect(unhandled.seen).toEqual([]);
});

test("optimistic update shows at once; the server's data replaces it; a server error rolls it back", async () => {
  mount(list({ optimistic: true }).Component);
  await until(() => items()[0] === "Milk");
  const gate = deferred();
  server.callGate = gate.promise;
  await click("add");
  await until(() => items().length === 2);
  expect(items()).toEqual(["Milk", "Eggs (saving)"]);
  gate.resolve();
  await until(() => items()[1] === "Eggs");
  const gate2 = deferred();
  server.callGate = gate2.promise;
  await click("blank");
  await until(() => items().length === 3);
  gate2.resolve();
  await until(() => text("mutation") === "error");
  expect(items()).toEqual(["Milk", "Eggs"]);
});

test("onSchemaMismatch: a redeployed server's Mizan-Schema is reported once", async () => {
  const reports: SchemaMismatch[] = [];
  const watched = createClient({ baseUrl: server.baseUrl, channel: false, document: null, gcTime: 0, onSchemaMismatch: (m) => reports.push(m) });
  server.schema = "f".repeat(64);
  mount(list().Component, watched);
  await until(() => items()[0] === "Milk");
  await click("add");
  await until(() => items().length === 2);
  expect(reports).toEqual([{ expected: todos.schema, received: "f".repeat(64) }]);
  app?.unmount();
  app = undefined;
  watched.close();
});

test("right after a param change the read is the new params' read: in a handler, in a watcher that runs first, and for refetch()", async () => {
  const page = ref(3);
  const seenInWatch: string[] = [];
  let read!: ReturnType<typeof useMizanContext<{ list: number }, { title: string }[]>>;
  const Component = defineComponent({
    setup() {
      // declared before the read: it runs first in the flush
      watch(page, (p) => seenInWatch.push(`${p}: ${read.status.value}/${read.data.value?.map((t) => t.title) ?? "-"}`));
      read = useMizanContext(todos, () => ({ list: page.value }));
      return () => h("ul", read.data.value?.map((t) => h("li", t.title)));
    },
  });
  app = createApp(Component).use(mizanPlugin(client));
  app.mount(container);
  await until(() => read.data.value?.[0]?.title === "Milk");
  page.value = 4;
  expect(`${read.status.value}/${read.data.value?.length ?? "-"}`).toBe("pending/-"); // not list 3's data as list 4's
  await read.refetch();
  expect(read.data.value?.map((t) => t.title)).toEqual(["Bread"]);
  expect(seenInWatch).toEqual(["4: pending/-"]);
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3", "/mizan/ctx/todos?list=4"]);
});

test("inside app.runWithContext (Pinia setup stores, router guards) the app's client is used", () => {
  const own = createClient({ baseUrl: server.baseUrl, channel: false, document: null });
  const plain = createApp({ render: () => h("div") }).use(mizanPlugin(own));
  expect(plain.runWithContext(() => useMizanClient())).toBe(own);
  own.close();
});

test("a read in a scope of its own (a Pinia setup store) first used by a component lives on after that component unmounts", async () => {
  // a store as Pinia makes one: a detached scope, created while the first component using it sets up
  let store: { read: ReturnType<typeof useMizanContext<{ list: number }, { title: string }[]>> } | undefined;
  const useStore = () => (store ??= effectScope(true).run(() => ({ read: useMizanContext(todos, { list: 3 }) }))!);
  const show = ref(true);
  const First = defineComponent({ setup: () => ((useStore()), () => h("p", "first")) });
  const Root = defineComponent({ setup: () => () => (show.value ? h(First) : h("p", "gone")) });
  app = createApp(Root).use(mizanPlugin(client));
  app.mount(container);
  await until(() => store?.read.data.value?.[0]?.title === "Milk");
  show.value = false; // the component that first used the store goes
  await nextTick();
  await client.call(addTodo, { list: 3, title: "Eggs" }); // invalidates todos {list: 3}
  await until(() => store!.read.data.value?.length === 2);
  expect(server.reads("todos")).toHaveLength(2);
});

test("server render (a DOM present, as a shim gives one), then hydration: unseeded reads, in a component and in a store, render pending on both sides, no mismatch, then load", async () => {
  // the server: the worker's client, seeded with list 3 only; a window exists (happy-dom)
  const { client: worker, fetches } = workerClient();
  let storeScope: EffectScope | undefined;
  const Page = defineComponent({
    setup() {
      const seeded = useMizanContext(todos, { list: 3 });
      const unseeded = useMizanContext(todos, { list: 4 });
      storeScope?.stop();
      storeScope = effectScope(true); // a Pinia setup store's scope
      const store = storeScope.run(() => useMizanContext(todos, { list: 4 }))!;
      return () =>
        h("div", [
          h("p", { id: "seeded" }, `${seeded.status.value}: ${seeded.data.value?.map((t) => t.title) ?? "-"}`),
          h("p", { id: "unseeded" }, `${unseeded.status.value}: ${unseeded.data.value?.map((t) => t.title) ?? "-"}`),
          h("p", { id: "store" }, `${store.status.value}: ${store.data.value?.map((t) => t.title) ?? "-"}`),
        ]);
    },
  });
  const html = await renderToString(createSSRApp(Page).use(mizanPlugin(worker)));
  worker.close();
  expect(html).toBe('<div><p id="seeded">success: Seeded</p><p id="unseeded">pending: -</p><p id="store">pending: -</p></div>');
  expect(fetches).toEqual([]);
  // the browser: the page's HTML, a client seeded with the same data, Vue's hydration
  container.innerHTML = html;
  seedList3();
  const warnings: string[] = [];
  const errors = vi.spyOn(console, "error").mockImplementation((...args) => void warnings.push(args.join(" ")));
  app = createSSRApp(Page).use(mizanPlugin(client));
  app.config.warnHandler = (message) => void warnings.push(message);
  try {
    app.mount(container);
    await until(() => text("unseeded") === "success: Bread" && text("store") === "success: Bread");
  } finally {
    errors.mockRestore();
    storeScope?.stop();
  }
  expect(warnings).toEqual([]);
  expect(text("seeded")).toBe("success: Seeded");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=4"]);
});

test("params that change but keep their stableKey keep the read: no new subscription, no render (computed's previous value: Vue 3.4)", async () => {
  const x = ref(30);
  let count = 0;
  const Component = defineComponent({
    setup() {
      const read = useMizanContext(todos, () => ({ list: Math.floor(x.value / 10) }));
      return () => (count++, h("ul", read.data.value?.map((t) => h("li", t.title))));
    },
  });
  app = createApp(Component).use(mizanPlugin(client));
  app.mount(container);
  await until(() => items()[0] === "Milk");
  const before = count;
  for (let i = 31; i < 36; i++) {
    x.value = i;
    await nextTick();
  }
  expect(count - before).toBe(0);
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
});
