/** `mizan-codegen --watch`, in process, with the file watcher and the generator replaced by recorders. */
import type { Stats } from "node:fs";
import { afterEach, expect, test, vi } from "vitest";
import { main } from "../src/cli.js";
import { until } from "../../base/test/support/server.js";

const done = vi.hoisted(() => ({ steps: [] as string[], listener: undefined as ((now: Stats, before: Stats) => void) | undefined }));
vi.mock("node:fs", async (original) => ({
  ...(await original<typeof import("node:fs")>()),
  watchFile: (_path: string, _options: unknown, listener: (now: Stats, before: Stats) => void) => {
    done.steps.push("watch");
    done.listener = listener;
  },
}));
vi.mock("../src/index.js", async (original) => ({
  ...(await original<typeof import("../src/index.js")>()),
  generate: async () => {
    done.steps.push("generate");
    return [];
  },
}));

afterEach(() => {
  done.steps = [];
  vi.restoreAllMocks();
});

test("--watch watches the schema file before the first run, so a change during that run is not lost", async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  void main(["--schema", "schema.json", "--out", "out", "--watch"]); // runs until the process ends
  await until(() => done.steps.length === 2);
  expect(done.steps).toEqual(["watch", "generate"]);
  done.listener!({ mtimeMs: 2, size: 1 } as Stats, { mtimeMs: 1, size: 1 } as Stats);
  await until(() => done.steps.length === 3);
  expect(done.steps).toEqual(["watch", "generate", "generate"]);
});

test("--watch with a URL is refused before anything runs (MZJS00105)", async () => {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  expect(await main(["--schema", "http://127.0.0.1:8080/app/mizan/schema", "--out", "out", "--watch"])).toBe(2);
  expect(error).toHaveBeenCalledWith(expect.stringContaining("MZJS00105 --watch needs a schema file, not a URL"));
  expect(done.steps).toEqual([]);
});
