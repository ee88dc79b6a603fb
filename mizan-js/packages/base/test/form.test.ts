import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createForm } from "../src/form.js";
import { createClient, type MizanClient, type FunctionDescriptor } from "../src/index.js";
import { deferred, error, startServer, until, type TestServer } from "./support/server.js";

const settle = () => new Promise((r) => setTimeout(r, 0));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("isValid", () => {
  test("an empty required field is invalid even untouched", async () => {
    const form = createForm({ initialValues: { title: "", note: "" }, fields: { title: { required: true } } });
    await settle();
    expect(form.getState()).toMatchObject({ isValid: false, touched: {}, errors: { title: ["required"] }, validating: false });
    form.setValue("title", "   ");
    await until(() => !form.getState().validating); // isValid is false while validating, whatever the errors
    expect(form.getState()).toMatchObject({ isValid: false, errors: { title: ["required"] } }); // blank is empty
    form.setValue("title", "Milk");
    await until(() => !form.getState().validating);
    expect(form.getState()).toMatchObject({ isValid: true, errors: {} });
  });

  test("an edit form with untouched valid values is valid", async () => {
    const form = createForm({
      initialValues: { title: "Milk", qty: 2 },
      fields: { title: { required: true }, qty: { required: true, validate: (q) => (q < 1 ? "at least 1" : null) } },
    });
    await settle();
    expect(form.getState()).toMatchObject({ isValid: true, touched: {}, errors: {} });
  });

  test("an untouched field with a validator error is invalid; touched only tells the UI", async () => {
    const form = createForm({
      initialValues: { qty: 0 },
      fields: { qty: { validate: (q) => (q < 1 ? ["at least 1"] : []) } },
    });
    await settle();
    expect(form.getState()).toMatchObject({ isValid: false, errors: { qty: ["at least 1"] }, touched: {} });
    form.touch("qty");
    expect(form.getState().touched).toEqual({ qty: true });
  });

  test("is false while validation has not seen the latest values", async () => {
    const form = createForm({ initialValues: { title: "a" }, fields: { title: { validate: () => null } }, debounceMs: 30 });
    await settle();
    expect(form.getState().isValid).toBe(true);
    form.setValue("title", "b");
    expect(form.getState()).toMatchObject({ validating: true, isValid: false, values: { title: "b" } });
    await until(() => !form.getState().validating);
    expect(form.getState().isValid).toBe(true);
  });
});

describe("debounced validation", () => {
  test("a validator that throws makes that field's error, and the next change checks again", async () => {
    let down = true;
    const form = createForm({
      initialValues: { name: "alice" },
      debounceMs: 5,
      fields: { name: { validate: async () => { if (down) throw new Error("network down"); return null; } } },
    });
    await until(() => !form.getState().validating);
    expect(form.getState()).toMatchObject({ isValid: false, errors: { name: ["could not be checked: network down"] } });
    down = false;
    form.setValue("name", "bob");
    await until(() => !form.getState().validating);
    expect(form.getState()).toMatchObject({ isValid: true, errors: {} });
  });

  test("runs once after the last change, on the values as they are then", async () => {
    const seen: string[] = [];
    const form = createForm({
      initialValues: { name: "" },
      fields: { name: { validate: (v) => (seen.push(v), v.length < 3 ? "too short" : null) } },
      debounceMs: 40,
    });
    await settle();
    seen.length = 0;
    for (const v of ["a", "ab", "abc"]) {
      form.setValue("name", v);
      await wait(5);
    }
    await until(() => !form.getState().validating);
    expect(seen).toEqual(["abc"]);
    expect(form.getState()).toMatchObject({ isValid: true, errors: {} });
  });

  test("an async verdict for values that changed meanwhile is dropped", async () => {
    const holds: Array<{ value: string; done: ReturnType<typeof deferred<string | null>> }> = [];
    const form = createForm({
      initialValues: { user: "ok" },
      fields: {
        user: {
          validate: (value) => {
            const done = deferred<string | null>();
            holds.push({ value, done });
            return done.promise;
          },
        },
      },
      debounceMs: 10,
    });
    holds[0]!.done.resolve(null);
    await until(() => form.getState().isValid);
    form.setValue("user", "taken");
    await until(() => holds.length === 2);
    form.setValue("user", "free");
    holds[1]!.done.resolve("already taken"); // the verdict on "taken" arrives after the change
    await settle();
    expect(form.getState()).toMatchObject({ errors: {}, validating: true, isValid: false });
    await until(() => holds.length === 3);
    expect(holds[2]!.value).toBe("free");
    holds[2]!.done.resolve(null);
    await until(() => !form.getState().validating);
    expect(form.getState()).toMatchObject({ isValid: true, errors: {}, values: { user: "free" } });
  });
});

describe("submitting through a call", () => {
  let server: TestServer;
  let client: MizanClient;
  beforeEach(async () => {
    server = await startServer((r) => {
      if (r.path === "/mizan/session") return { body: { csrfToken: "t", user: null } };
      const args = JSON.parse(r.body) as { title: string };
      if (args.title === "dup") return error("invalid_params", 400, { title: ["already exists"], list: ["no such list"] });
      return { body: { result: { id: 7, title: args.title }, invalidate: [] } };
    });
    client = createClient({ baseUrl: server.baseUrl, channel: false, document: null });
  });
  afterEach(async () => {
    client.close();
    await server.close();
  });
  const addTodo: FunctionDescriptor<{ list: number; title: string }, { id: number; title: string }> = { name: "addTodo" };

  test("invalid_params become field errors; editing a field clears its server error", async () => {
    const form = createForm({
      initialValues: { list: 1, title: "dup" },
      fields: { title: { required: true } },
      submit: (v) => client.call(addTodo, v),
      debounceMs: 10,
    });
    expect(await form.submit()).toBeUndefined();
    expect(form.getState()).toMatchObject({
      isValid: false,
      touched: { list: true, title: true },
      errors: { title: ["already exists"], list: ["no such list"] },
      submitting: false,
    });
    form.setValue("title", "fresh");
    expect(form.getState().errors).toEqual({ list: ["no such list"] });
    form.setValue("list", 2);
    expect(await form.submit()).toEqual({ id: 7, title: "fresh" });
    expect(form.getState()).toMatchObject({ isValid: true, result: { id: 7, title: "fresh" }, submitError: undefined });
    expect(server.requests.filter((r) => r.path === "/mizan/call/addTodo").map((r) => JSON.parse(r.body))).toEqual([
      { list: 1, title: "dup" },
      { list: 2, title: "fresh" },
    ]);
  });

  test("an invalid form is not sent, and submitting touches every field", async () => {
    const form = createForm({
      initialValues: { list: 1, title: "" },
      fields: { title: { required: true } },
      submit: (v) => client.call(addTodo, v),
    });
    expect(await form.submit()).toBeUndefined();
    expect(form.getState().touched).toEqual({ list: true, title: true });
    expect(server.requests).toHaveLength(0);
  });

  test("submit validates the latest values first, without waiting for the debounce", async () => {
    const form = createForm({
      initialValues: { list: 1, title: "" },
      fields: { title: { required: true, validate: (t) => (t === "bad" ? "no" : null) } },
      submit: (v) => client.call(addTodo, v),
      debounceMs: 10_000,
    });
    form.setValue("title", "bad");
    expect(await form.submit()).toBeUndefined();
    expect(form.getState().errors).toEqual({ title: ["no"] });
    form.setValue("title", "good");
    expect(await form.submit()).toMatchObject({ title: "good" });
    form.dispose();
  });
});
