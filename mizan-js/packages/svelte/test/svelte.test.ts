// @vitest-environment happy-dom
/**
 * @mizan/svelte mounted with Svelte 5's mount against a real HTTP server (the fixture schema's
 * todos and addTodo): v5 status words, `enabled`, `placeholderData` across a param change, `mutate`
 * that never rejects, optimistic updates and their rollback, `onSchemaMismatch`, and reads outside
 * components (createSubscriber).
 */
import { flushSync, mount, unmount } from "svelte";
import { expect, test } from "vitest";
import { createClient, type MizanClient, type SchemaMismatch } from "@mizan/base";
import { todos } from "../../codegen/test/generated/mizan.js";
import { deferred, until } from "../../base/test/support/server.js";
import { adapterTestHooks, rendered, type AdapterTest, type FakeMizan } from "../../codegen/test/adapters/fake-server.js";
import List from "./List.svelte";
import { pagedOutside, watchOutside } from "./outside.svelte.js";

let server: FakeMizan;
let client: MizanClient;
let component: Record<string, unknown> | undefined;
let container: HTMLElement;
let unhandled: AdapterTest["unhandled"];

adapterTestHooks(
  (t) => ({ server, client, container, unhandled } = t),
  async () => {
    if (component) await unmount(component);
    component = undefined;
  },
);

const text = (id: string) => rendered(container).text(id);
const items = () => rendered(container).items();
const click = (id: string) => flushSync(() => container.querySelector<HTMLButtonElement>(`#${id}`)!.click());
const settle = (check: () => boolean) => until(() => (flushSync(), check()));
const show = (props: Record<string, unknown> = {}, c: MizanClient = client) => {
  component = mount(List, { target: container, props: { client: c, ...props } });
};

test("status transitions in v5 words: pending → pending and fetching → success", async () => {
  const renders: string[] = [];
  show({ renders });
  await settle(() => text("status") === "success");
  expect(text("flags")).toBe("false true false");
  expect(renders[0]).toMatch(/^pending\/(false|true)\/-$/);
  expect(renders).toContain("pending/true/-");
  expect(renders.at(-1)).toBe("success/false/Milk");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
});

test("enabled: false fetches nothing until it becomes true", async () => {
  show({ enabled: false });
  await new Promise((r) => setTimeout(r, 50));
  flushSync();
  expect(text("flags")).toBe("true false false");
  expect(server.reads("todos")).toEqual([]);
  click("enable");
  await settle(() => items()[0] === "Milk");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
});

test("placeholderData: keepPreviousData shows the previous list while the next one loads", async () => {
  const renders: string[] = [];
  show({ placeholder: true, renders });
  await settle(() => items()[0] === "Milk");
  const gate = deferred();
  server.readGate = gate.promise;
  renders.length = 0;
  click("next");
  await settle(() => server.reads("todos").length === 2);
  expect(items()).toEqual(["Milk"]);
  expect(text("placeholder")).toBe("true");
  expect(text("status")).toBe("success");
  gate.resolve();
  await settle(() => items()[0] === "Bread");
  expect(text("placeholder")).toBe("false");
  expect(renders.filter((r) => r.startsWith("pending"))).toEqual([]);
});

test("while a placeholder shows, every getter reads one state: placeholderData runs once, not once a getter", async () => {
  const paged = pagedOutside(client);
  try {
    await settle(() => paged.read.data?.[0]?.title === "Milk");
    const gate = deferred();
    server.readGate = gate.promise;
    paged.next();
    await settle(() => server.reads("todos").length === 2);
    const before = paged.runs();
    const state = paged.read.state;
    expect(state.isPlaceholderData).toBe(true);
    expect([paged.read.status, paged.read.isPlaceholderData, paged.read.data?.[0]?.title]).toEqual(["success", true, "Milk"]);
    expect(paged.read.state).toBe(state);
    expect(paged.runs()).toBe(before);
    gate.resolve();
    await settle(() => paged.read.data?.[0]?.title === "Bread");
    expect(paged.read.isPlaceholderData).toBe(false);
  } finally {
    paged.stop();
  }
});

test("mutate never rejects: a server error is rendered from the state, no unhandled rejection", async () => {
  show();
  await settle(() => items()[0] === "Milk");
  click("blank");
  await settle(() => text("mutation") === "error");
  expect(text("mutation-error")).toBe("invalid_params");
  await new Promise((r) => setTimeout(r, 20));
  expect(unhandled.seen).toEqual([]);
});

test("optimistic update shows at once; the server's data replaces it; a server error rolls it back", async () => {
  show({ optimistic: true });
  await settle(() => items()[0] === "Milk");
  const gate = deferred();
  server.callGate = gate.promise;
  click("add");
  await settle(() => items().length === 2);
  expect(items()).toEqual(["Milk", "Eggs (saving)"]);
  gate.resolve();
  await settle(() => items()[1] === "Eggs");
  const gate2 = deferred();
  server.callGate = gate2.promise;
  click("blank");
  await settle(() => items().length === 3);
  gate2.resolve();
  await settle(() => text("mutation") === "error");
  expect(items()).toEqual(["Milk", "Eggs"]);
});

test("onSchemaMismatch: a redeployed server's Mizan-Schema is reported once", async () => {
  const reports: SchemaMismatch[] = [];
  const watched = createClient({ baseUrl: server.baseUrl, channel: false, document: null, gcTime: 0, onSchemaMismatch: (m) => reports.push(m) });
  server.schema = "f".repeat(64);
  show({}, watched);
  await settle(() => items()[0] === "Milk");
  click("add");
  await settle(() => items().length === 2);
  expect(reports).toEqual([{ expected: todos.schema, received: "f".repeat(64) }]);
  await unmount(component!);
  component = undefined;
  watched.close();
});

test("outside components: a read in $effect.root subscribes, follows its $state params, and ends with the root", async () => {
  const seen: string[] = [];
  const watcher = watchOutside(client, seen);
  await settle(() => seen.at(-1) === "success:Milk");
  watcher.setList(4);
  await settle(() => seen.at(-1) === "success:Bread");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3", "/mizan/ctx/todos?list=4"]);
  watcher.stop();
  await until(() => client.size === 0); // gcTime 0: nothing is subscribed once the root ends
});

test("refetch() right after a param change (an event handler, before any effect ran) reads the new params", async () => {
  const seen: string[] = [];
  const watcher = watchOutside(client, seen);
  await settle(() => seen.at(-1) === "success:Milk");
  watcher.setList(4);
  await watcher.refetch();
  await settle(() => seen.at(-1) === "success:Bread");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3", "/mizan/ctx/todos?list=4"]);
  watcher.stop();
});
