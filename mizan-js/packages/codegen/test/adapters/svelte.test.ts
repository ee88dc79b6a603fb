// @vitest-environment happy-dom
/** The generated Svelte 5 adapter, mounted with svelte's mount against a real HTTP server. */
import { flushSync, mount, unmount } from "svelte";
import { expect, test } from "vitest";
import type { MizanClient } from "@mizan/base";
import { until } from "../../../base/test/support/server.js";
import { adapterTestHooks, type FakeMizan } from "./fake-server.js";
import Provider from "./svelte/Provider.svelte";

let server: FakeMizan;
let client: MizanClient;
let component: Record<string, unknown> | undefined;
let container: HTMLElement;

adapterTestHooks(
  (t) => ({ server, client, container } = t),
  async () => {
    if (component) await unmount(component);
    component = undefined;
  },
);

const items = () => [...container.querySelectorAll("li")].map((li) => li.textContent);
const click = (id: string) => flushSync(() => container.querySelector<HTMLButtonElement>(`#${id}`)!.click());
const settle = async (check: () => boolean) => until(() => (flushSync(), check()));

test("mounts, shows data, a call refetches the invalidated read, the DOM follows (client from setContext)", async () => {
  component = mount(Provider, { target: container, props: { client, initialList: 3 } });
  await settle(() => items().length === 1);
  expect(items()).toEqual(["Milk"]);
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
  click("add");
  await settle(() => items().length === 2);
  expect(items()).toEqual(["Milk", "Eggs"]);
  click("add2");
  await settle(() => items().length === 3);
  expect(items()).toEqual(["Milk", "Eggs", "Jam"]);
  expect(container.querySelector("#pending")!.textContent).toBe("false");
  expect(server.reads("todos")).toHaveLength(3);
});

test("$state params switch the read; unmounting ends the subscription with no user code", async () => {
  component = mount(Provider, { target: container, props: { client, initialList: 3 } });
  await settle(() => items()[0] === "Milk");
  click("next");
  await settle(() => items()[0] === "Bread");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3", "/mizan/ctx/todos?list=4"]);
  await unmount(component);
  component = undefined;
  await until(() => client.size === 0);
});
