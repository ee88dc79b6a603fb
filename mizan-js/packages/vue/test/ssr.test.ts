// @vitest-environment node
/**
 * @mizan/vue rendered on the server as in the mizan-ssr-node worker (docs/how-to/ssr.md): a client
 * seeded with the page's data and without a network. A seeded read is rendered as it is, never fetched;
 * any other renders pending, and nothing subscribes (docs/how-to/ssr.md).
 */
import { createSSRApp, defineComponent, effectScope, h, type EffectScope } from "vue";
import { renderToString } from "vue/server-renderer";
import { expect, test } from "vitest";
import { createClient } from "@mizan/base";
import { mizanPlugin, useMizanContext } from "@mizan/vue";
import { todos } from "../../codegen/test/generated/mizan.js";
import { workerClient } from "../../codegen/test/adapters/fake-server.js";

test("a read seeded by SSR data renders as success and fetches nothing", async () => {
  const { client, fetches } = workerClient();
  const Page = defineComponent({
    setup() {
      const read = useMizanContext(todos, { list: 3 });
      return () => h("div", [h("p", read.status.value), h("ul", read.data.value?.map((t) => h("li", t.title)))]);
    },
  });
  const html = await renderToString(createSSRApp(Page).use(mizanPlugin(client)));
  client.close();
  expect(html).toBe("<div><p>success</p><ul><li>Seeded</li></ul></div>");
  expect(fetches).toEqual([]);
});

test("a read SSR did not seed renders pending at once and fetches nothing, as in React and Svelte", async () => {
  const { client, fetches } = workerClient();
  const Page = defineComponent({
    setup() {
      const read = useMizanContext(todos, { list: 4 });
      return () => h("p", read.status.value);
    },
  });
  const started = Date.now();
  const html = await renderToString(createSSRApp(Page).use(mizanPlugin(client)));
  const ms = Date.now() - started;
  client.close();
  expect(html).toBe("<p>pending</p>");
  expect(fetches).toEqual([]);
  expect(ms).toBeLessThan(500); // no retries of a refused fetch (about 300 + 600 ms of backoff)
});

test("a read in a scope of its own (a Pinia setup store), made during a server render or before it, neither fetches nor stays subscribed", async () => {
  const fetches: string[] = [];
  // the worker's client (no network), with gcTime 0: an entry no subscription holds is dropped at once
  const client = createClient({ baseUrl: "", document: null, channel: false, gcTime: 0, fetch: (url) => (fetches.push(String(url)), Promise.reject(new Error("no fetch"))) });
  const scopes: EffectScope[] = [];
  // as Pinia makes a setup store: a detached scope, run with the app's context
  const store = (list: number) => {
    const scope = effectScope(true);
    scopes.push(scope);
    return scope.run(() => useMizanContext(todos, { list }))!;
  };
  const Page = defineComponent({
    setup() {
      const read = store(4); // first used by a component while it renders
      return () => h("p", read.status.value);
    },
  });
  const app = createSSRApp(Page).use(mizanPlugin(client));
  app.runWithContext(() => store(5)); // before the render (a router guard awaited before renderToString)
  const html = await renderToString(app);
  await new Promise((r) => setTimeout(r, 20));
  const held = client.size;
  for (const scope of scopes) scope.stop();
  client.close();
  expect(html).toBe("<p>pending</p>");
  expect(fetches).toEqual([]);
  expect(held).toBe(0);
});
