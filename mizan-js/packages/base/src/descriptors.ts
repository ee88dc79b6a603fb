/**
 * Typed descriptors that generated code (Stage 1 of `@mizan/codegen`) emits for each context and
 * function of the schema (docs/reference/schema.md). They are plain object literals, so codegen writes e.g.
 *
 * ```ts
 * export const todos: ContextDescriptor<{ list: number }, Todo[]> =
 *   { name: "todos", scope: "user", paramTypes: { list: "integer" } };
 * export const addTodo: FunctionDescriptor<{ list: number; title: string }, Todo> = { name: "addTodo" };
 * export const login: FunctionDescriptor<{ user: string; password: string }, User> =
 *   { name: "login", sessionInit: true };
 * ```
 */
import type { ParamTypes } from "./canonical.js";

/** A context's cache scope as the schema writes it (docs/reference/schema.md); `user` entries are cleared on login and logout. */
export type Scope = "public" | "user";

/** A read, as generated code describes it. `P` and `R` are carried for type inference only. */
export interface ContextDescriptor<P = Record<string, unknown>, R = unknown> {
  readonly name: string;
  /** `user` when absent: a context of unknown scope is cleared on logout, to be safe. */
  readonly scope?: Scope;
  /** Each param's schema type; decides raw vs JSON text on the wire (docs/reference/protocol.md). */
  readonly paramTypes?: ParamTypes;
  /** The hash of the schema the descriptor was generated from (compared with `Mizan-Schema`). */
  readonly schema?: string;
  /** Phantom member for type inference; never set at run time. */
  readonly __types?: { readonly params: P; readonly result: R };
}

/** A call, as generated code describes it. */
export interface FunctionDescriptor<A = Record<string, unknown>, R = unknown> {
  readonly name: string;
  /** The function is `@SessionInit` (a login or logout): other tabs clear every USER entry. */
  readonly sessionInit?: boolean;
  /** The hash of the schema the descriptor was generated from (compared with `Mizan-Schema`). */
  readonly schema?: string;
  /** Phantom member for type inference; never set at run time. */
  readonly __types?: { readonly args: A; readonly result: R };
}

export type ParamsOf<D> = D extends ContextDescriptor<infer P, unknown> ? P : never;
export type ResultOf<D> = D extends ContextDescriptor<Record<string, unknown>, infer R>
  ? R
  : D extends FunctionDescriptor<Record<string, unknown>, infer R>
    ? R
    : never;
export type ArgsOf<D> = D extends FunctionDescriptor<infer A, unknown> ? A : never;
