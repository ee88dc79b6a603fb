// @vitest-environment happy-dom
/**
 * @mizan/react rendered with react-dom against a real HTTP server (the fixture schema's todos and
 * addTodo): v5 status words, `enabled`, `placeholderData` across a param change, `mutate` that never
 * rejects, optimistic updates and their rollback, suspense, and `onSchemaMismatch`.
 */
import { act, Component, StrictMode, Suspense, useState, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { expect, test, vi } from "vitest";
import { createClient, type MizanClient, type SchemaMismatch } from "@mizan/base";
import { keepPreviousData, MizanProvider, useMizanContext, useMizanErrorReset, useMutation, useSuspenseMizanContext } from "@mizan/react";
import { addTodo, todos } from "../../codegen/test/generated/mizan.js";
import { deferred } from "../../base/test/support/server.js";
import { adapterTestHooks, draft, rendered, type AdapterTest, type FakeMizan } from "../../codegen/test/adapters/fake-server.js";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let server: FakeMizan;
let client: MizanClient;
let root: Root | undefined;
let container: HTMLElement;
let unhandled: AdapterTest["unhandled"];

adapterTestHooks(
  (t) => ({ server, client, container, unhandled } = t),
  async () => {
    await act(async () => root?.unmount());
    root = undefined;
  },
);

const text = (id: string) => rendered(container).text(id);
const items = () => rendered(container).items();
const click = (id: string) => act(async () => container.querySelector<HTMLButtonElement>(`#${id}`)!.click());
/** Polls `check`, letting React flush between polls (a suspended render retries only then). */
const settle = async (check: () => boolean, ms = 3000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`condition not met within ${ms} ms: ${check}`);
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
};
const render = (node: ReactNode, c: MizanClient = client) =>
  act(async () => {
    root = createRoot(container);
    root.render(<MizanProvider client={c}>{node}</MizanProvider>);
  });

/** Every (status, isFetching, isPlaceholderData, data) the component rendered. */
const renders: string[] = [];

function List(props: { enabled?: boolean; placeholder?: boolean; optimistic?: boolean }) {
  const [list, setList] = useState(3);
  const [enabled, setEnabled] = useState(props.enabled ?? true);
  const read = useMizanContext(todos, { list }, { enabled, ...(props.placeholder ? { placeholderData: keepPreviousData } : {}) });
  renders.push(`${read.status}/${read.isFetching}/${read.isPlaceholderData}/${read.data?.map((t) => t.title).join(",") ?? "-"}`);
  const add = useMutation(addTodo, {
    onMutate: props.optimistic
      ? (args, { setData }) => setData(todos, { list: args.list }, (old) => [...(old ?? []), draft(args.title)])
      : undefined,
  });
  return (
    <div>
      <p id="status">{read.status}</p>
      <p id="flags">{`${read.isPending} ${read.isSuccess} ${read.isError}`}</p>
      <p id="placeholder">{String(read.isPlaceholderData)}</p>
      <ul>{read.data?.map((t) => <li key={t.id}>{t.title}</li>)}</ul>
      <button id="next" onClick={() => setList(list + 1)}>next</button>
      <button id="enable" onClick={() => setEnabled(true)}>enable</button>
      <button id="add" onClick={() => add.mutate({ list, title: "Eggs" })}>add</button>
      <button id="blank" onClick={() => add.mutate({ list, title: " " })}>blank</button>
      <p id="mutation">{add.status}</p>
      <p id="mutation-error">{add.isError ? (add.error as { code: string }).code : ""}</p>
    </div>
  );
}

test("status transitions in v5 words: pending (not fetching) → pending (fetching) → success", async () => {
  renders.length = 0;
  await render(
    <StrictMode>
      <List />
    </StrictMode>,
  );
  await settle(() => text("status") === "success");
  expect(text("flags")).toBe("false true false");
  const seen = [...new Set(renders)];
  expect(seen[0]).toBe("pending/false/false/-");
  expect(seen).toContain("pending/true/false/-");
  expect(seen.at(-1)).toBe("success/false/false/Milk");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
});

test("enabled: false fetches nothing until it becomes true", async () => {
  await render(<List enabled={false} />);
  await new Promise((r) => setTimeout(r, 50));
  expect(text("status")).toBe("pending");
  expect(text("flags")).toBe("true false false");
  expect(server.reads("todos")).toEqual([]);
  await click("enable");
  await settle(() => items()[0] === "Milk");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
});

test("placeholderData: keepPreviousData shows the previous list while the next one loads", async () => {
  await render(<List placeholder />);
  await settle(() => items()[0] === "Milk");
  const gate = deferred();
  server.readGate = gate.promise;
  renders.length = 0;
  await click("next");
  await settle(() => server.reads("todos").length === 2);
  expect(items()).toEqual(["Milk"]); // still the previous page
  expect(text("placeholder")).toBe("true");
  expect(text("status")).toBe("success");
  gate.resolve();
  await settle(() => items()[0] === "Bread");
  expect(text("placeholder")).toBe("false");
  expect(renders).not.toContain("pending/true/false/-"); // never blank in between
});

test("without placeholderData a param change shows pending with no data", async () => {
  await render(<List />);
  await settle(() => items()[0] === "Milk");
  const gate = deferred();
  server.readGate = gate.promise;
  await click("next");
  await settle(() => text("status") === "pending");
  expect(items()).toEqual([]);
  gate.resolve();
  await settle(() => items()[0] === "Bread");
});

test("mutate never rejects: a server error is rendered from the state, no unhandled rejection", async () => {
  await render(<List />);
  await settle(() => items()[0] === "Milk");
  await click("blank");
  await settle(() => text("mutation") === "error");
  expect(text("mutation-error")).toBe("invalid_params");
  await new Promise((r) => setTimeout(r, 20));
  expect(unhandled.seen).toEqual([]);
});

test("optimistic update shows at once; the server's data replaces it; a server error rolls it back", async () => {
  await render(<List optimistic />);
  await settle(() => items()[0] === "Milk");
  const gate = deferred();
  server.callGate = gate.promise;
  await click("add");
  await settle(() => items().length === 2);
  expect(items()).toEqual(["Milk", "Eggs (saving)"]);
  expect(text("mutation")).toBe("pending");
  gate.resolve();
  await settle(() => items()[1] === "Eggs");
  expect(items()).toEqual(["Milk", "Eggs"]);

  const gate2 = deferred();
  server.callGate = gate2.promise;
  await click("blank");
  await settle(() => items().length === 3);
  expect(items()).toEqual(["Milk", "Eggs", "  (saving)"]);
  gate2.resolve();
  await settle(() => text("mutation") === "error");
  expect(items()).toEqual(["Milk", "Eggs"]); // rolled back
});

/** An error boundary whose "retry" button calls `onReset`, then renders its children again (as react-error-boundary does). */
class Boundary extends Component<{ children: ReactNode; onReset?: () => void }, { error?: unknown }> {
  override state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const retry = () => {
      this.props.onReset?.();
      this.setState({ error: undefined });
    };
    return (
      <>
        <p id="boundary">{(this.state.error as { code: string }).code}</p>
        <button id="retry" onClick={retry} />
      </>
    );
  }
}

function SuspenseList(props: { list: number }) {
  const { data } = useSuspenseMizanContext(todos, { list: props.list });
  return <ul>{data.map((t) => <li key={t.id}>{t.title}</li>)}</ul>;
}

test("useSuspense…: the fallback while the first data loads, then the data", async () => {
  const suspending = createClient({ baseUrl: server.baseUrl, channel: false, document: null }); // keeps entries while suspended
  const gate = deferred();
  server.readGate = gate.promise;
  await render(
    <Suspense fallback={<p id="fallback">loading</p>}>
      <SuspenseList list={3} />
    </Suspense>,
    suspending,
  );
  expect(text("fallback")).toBe("loading");
  gate.resolve();
  await settle(() => items()[0] === "Milk");
  expect(server.reads("todos")).toEqual(["/mizan/ctx/todos?list=3"]);
  suspending.close();
});

test("useSuspense…: a failed first read goes to the error boundary", async () => {
  const suspending = createClient({ baseUrl: server.baseUrl, channel: false, document: null, retryDelay: () => 1 });
  const failing = { ...todos, name: "missing" };
  function Missing() {
    useSuspenseMizanContext(failing, { list: 1 });
    return <p>never</p>;
  }
  const original = console.error;
  console.error = () => {}; // React logs the caught error
  try {
    await render(
      <Boundary>
        <Suspense fallback={<p id="fallback">loading</p>}>
          <Missing />
        </Suspense>
      </Boundary>,
      suspending,
    );
    await settle(() => text("boundary") === "not_found");
  } finally {
    console.error = original;
    suspending.close();
  }
});

test("useSuspense…: after a failed first read, an error boundary reset through useMizanErrorReset reads again", async () => {
  const suspending = createClient({ baseUrl: server.baseUrl, channel: false, document: null });
  server.failReads = 1;
  function Retrying() {
    const reset = useMizanErrorReset();
    return (
      <Boundary onReset={reset}>
        <Suspense fallback={<p id="fallback">loading</p>}>
          <SuspenseList list={3} />
        </Suspense>
      </Boundary>
    );
  }
  const original = console.error;
  console.error = () => {}; // React logs the caught error
  try {
    await render(<Retrying />, suspending);
    await settle(() => text("boundary") === "forbidden");
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(server.reads("todos")).toHaveLength(1); // React's second render attempt throws the same failure: no read loop
    await click("retry");
    await settle(() => items()[0] === "Milk");
    expect(server.reads("todos")).toHaveLength(2);
  } finally {
    console.error = original;
    suspending.close();
  }
});

test("useSuspense…: an error boundary reset without useMizanErrorReset shows the same failure again, reading nothing", async () => {
  const suspending = createClient({ baseUrl: server.baseUrl, channel: false, document: null });
  server.failReads = 1;
  const original = console.error;
  console.error = () => {};
  try {
    await render(
      <Boundary>
        <Suspense fallback={<p id="fallback">loading</p>}>
          <SuspenseList list={3} />
        </Suspense>
      </Boundary>,
      suspending,
    );
    await settle(() => text("boundary") === "forbidden");
    await click("retry");
    await settle(() => text("boundary") === "forbidden");
    expect(server.reads("todos")).toHaveLength(1);
  } finally {
    console.error = original;
    suspending.close();
  }
});

test("useSuspense…: a read another component holds disabled starts its fetch after the render, not during it", async () => {
  function Badge() {
    const r = useMizanContext(todos, { list: 3 }, { enabled: false }); // shows the count once someone loads it
    return <p id="badge">{r.data?.length ?? "?"}</p>;
  }
  function Opener() {
    const [open, setOpen] = useState(false);
    return (
      <>
        <Badge />
        <button id="open" onClick={() => setOpen(true)} />
        {open && (
          <Suspense fallback={<p id="fallback">loading</p>}>
            <SuspenseList list={3} />
          </Suspense>
        )}
      </>
    );
  }
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await render(<Opener />);
    await click("open");
    await settle(() => items()[0] === "Milk");
    const logged = error.mock.calls.map((c) => String(c[0]));
    expect(logged.filter((l) => /while rendering a different component/.test(l))).toEqual([]);
    expect(text("badge")).toBe("1");
  } finally {
    error.mockRestore();
  }
});

test("onSchemaMismatch: a redeployed server's Mizan-Schema is reported once", async () => {
  const reports: SchemaMismatch[] = [];
  const watched = createClient({ baseUrl: server.baseUrl, channel: false, document: null, gcTime: 0, onSchemaMismatch: (m) => reports.push(m) });
  server.schema = "f".repeat(64);
  await render(<List />, watched);
  await settle(() => items()[0] === "Milk");
  await click("add");
  await settle(() => items().length === 2);
  expect(reports).toEqual([{ expected: todos.schema, received: "f".repeat(64) }]);
  watched.close();
});
