/**
 * `@mizan/base`: the framework-neutral Mizan client kernel (docs/internals/client-kernel.md).
 *
 * `configure` once, then `registerContext` for reads and `call` for functions; the framework
 * packages (`@mizan/react`, `@mizan/vue`, `@mizan/svelte`) wrap exactly these. Forms live in `@mizan/base/form`, so
 * that pages without forms do not carry them; mutation state (`createMutation`, what the framework
 * packages' `useMutation` wraps) in `@mizan/base/mutation`; cache keys, plain RFC 8785 and the
 * canonical-params helpers (`encodeParams`, `canonicalParams`, `isStringTyped`) in `@mizan/base/keys`
 * (a page never holds the secret a cache key needs, and needs only `stableKey` of the rest).
 */
import { createClient, type ContextHandle, type MizanClient } from "./client.js";
import type { MizanConfig } from "./config.js";
import type { ContextDescriptor, FunctionDescriptor } from "./descriptors.js";

export { createClient, type MizanClient, type ContextHandle, type Invalidation } from "./client.js";
export type { MizanConfig, SchemaMismatch } from "./config.js";
export { keepPreviousData, withPlaceholder, type ContextFields, type ContextState, type PlaceholderData } from "./entry.js";
export type { ContextDescriptor, FunctionDescriptor, Scope, ParamsOf, ArgsOf, ResultOf } from "./descriptors.js";
export { MizanError, type MizanErrorBody } from "./errors.js";
export { stableKey, type EncodedParams, type ParamType, type ParamTypes } from "./canonical.js";
export { JsonError, JsonNumber } from "./json.js";
export { readSsrData, SSR_DATA_ID, type SsrData } from "./hydrate.js";

let current: MizanClient | undefined;

/** Sets up the default client (closing any previous one) and reads the page's SSR data. */
export function configure(config: MizanConfig): MizanClient {
  current?.close();
  current = createClient(config);
  return current;
}

/** The default client; `configure` must have been called. */
export function getClient(): MizanClient {
  if (!current) throw new Error("MZJS00002 call configure() first");
  return current;
}

/** Registers a read on the default client. */
export function registerContext<P, R>(context: ContextDescriptor<P, R> | string, params?: P): ContextHandle<R> {
  return getClient().registerContext(context, params);
}

/** Runs a function on the default client. */
export function call<A, R>(fn: FunctionDescriptor<A, R> | string, args?: A): Promise<R> {
  return getClient().call(fn, args);
}
