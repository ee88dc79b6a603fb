// @vitest-environment node
/**
 * @mizan/react's suspense read rendered on the server as in the mizan-ssr-node worker (docs/how-to/ssr.md):
 * a seeded read renders its data; one the page did not prefetch renders the boundary's fallback and
 * fetches nothing (the worker's client has no network).
 */
import { Suspense } from "react";
import { renderToString } from "react-dom/server";
import { expect, test } from "vitest";
import { MizanProvider, useSuspenseMizanContext } from "@mizan/react";
import { todos } from "../../codegen/test/generated/mizan.js";
import { workerClient } from "../../codegen/test/adapters/fake-server.js";

function SuspenseList(props: { list: number }) {
  const { data } = useSuspenseMizanContext(todos, { list: props.list });
  return <ul>{data.map((t) => <li key={t.id}>{t.title}</li>)}</ul>;
}

test("on the server a seeded suspense read renders its data; one not prefetched renders the fallback and fetches nothing", async () => {
  const { client, fetches } = workerClient();
  const html = renderToString(
    <MizanProvider client={client}>
      <SuspenseList list={3} />
      <Suspense fallback={<p>loading</p>}>
        <SuspenseList list={4} />
      </Suspense>
    </MizanProvider>,
  );
  await new Promise((r) => setTimeout(r, 50));
  client.close();
  expect(html).toContain("<li>Seeded</li>");
  expect(html).toContain("<p>loading</p>");
  expect(fetches).toEqual([]);
  expect(html).toContain("MZJS00003 todos"); // React (development build) says why it switched to client rendering
});
