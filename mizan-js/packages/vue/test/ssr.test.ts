// @vitest-environment node
/**
 * @mizan/vue rendered on the server as in the mizan-ssr-node worker (docs/how-to/ssr.md): a client
 * seeded with the page's data and without a network. A seeded read is rendered as it is, never fetched.
 */
import { createSSRApp, defineComponent, h } from "vue";
import { renderToString } from "vue/server-renderer";
import { expect, test } from "vitest";
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
