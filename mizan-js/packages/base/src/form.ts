/**
 * Forms (docs/reference/client.md): values, touched, field errors (own validators and the server's `invalid_params`),
 * and `isValid`, which is true only when every field is valid. An empty required field is invalid
 * whether touched or not; `touched` only decides what a UI shows.
 *
 * Import from `@mizan/base/form`.
 */
import type { MizanError } from "./errors.js";
import { Store } from "./store.js";

type Errors = readonly string[];
type Verdict = Errors | string | null | undefined;

export interface FieldSpec<V, T> {
  readonly required?: boolean;
  /** Returns the field's errors for the current values; may be async. */
  readonly validate?: (value: V, values: T) => Verdict | Promise<Verdict>;
}

export interface FormOptions<T extends Record<string, unknown>, R> {
  readonly initialValues: T;
  readonly fields?: { readonly [K in keyof T]?: FieldSpec<T[K], T> };
  /** Delay after the last change before validators run, in ms (default 200). */
  readonly debounceMs?: number;
  /** Sends the values, typically `(v) => client.call(fn, v)`. */
  readonly submit?: (values: T) => Promise<R>;
  /** The message of an empty required field (default `"required"`). */
  readonly requiredMessage?: string;
}

export interface FormState<T, R = unknown> {
  readonly values: T;
  readonly touched: Readonly<Partial<Record<keyof T, boolean>>>;
  /** Every field's errors: required, own validators, then the server's. */
  readonly errors: Readonly<Partial<Record<keyof T, Errors>>>;
  /** Validators have not yet seen the latest values. */
  readonly validating: boolean;
  readonly isValid: boolean;
  readonly submitting: boolean;
  readonly submitError: unknown;
  readonly result: R | undefined;
}

export interface Form<T extends Record<string, unknown>, R = unknown> {
  getState(): FormState<T, R>;
  subscribe(listener: () => void): () => void;
  setValue<K extends keyof T>(field: K, value: T[K]): void;
  touch(field: keyof T): void;
  /** Validates now, touches every field, and submits if valid; resolves to the result or undefined. */
  submit(): Promise<R | undefined>;
  /** Starts over, from new initial values if given (an edit form loaded later, say). */
  reset(values?: T): void;
  /** Stops the pending validation timer. */
  dispose(): void;
}

export function createForm<T extends Record<string, unknown>, R = unknown>(options: FormOptions<T, R>): Form<T, R> {
  const specs = (options.fields ?? {}) as Record<keyof T, FieldSpec<unknown, T> | undefined>;
  const debounceMs = options.debounceMs ?? 200;
  const requiredMessage = options.requiredMessage ?? "required";
  let values = options.initialValues;
  let touched: Partial<Record<keyof T, boolean>> = {};
  let own: Partial<Record<keyof T, Errors>> = {};
  let server: Partial<Record<keyof T, Errors>> = {};
  let version = 0;
  let validated = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let extra: Pick<FormState<T, R>, "submitting" | "submitError" | "result"> = {
    submitting: false,
    submitError: undefined,
    result: undefined,
  };

  const fieldNames = (): (keyof T)[] => [...new Set([...Object.keys(values), ...Object.keys(specs)])] as (keyof T)[];
  const snapshot = (): FormState<T, R> => {
    const errors: Partial<Record<keyof T, Errors>> = {};
    for (const field of fieldNames()) {
      const list = [
        ...(specs[field]?.required && isEmpty(values[field]) ? [requiredMessage] : []),
        ...(own[field] ?? []),
        ...(server[field] ?? []),
      ];
      if (list.length > 0) errors[field] = list;
    }
    const validating = validated !== version;
    return {
      values,
      touched,
      errors,
      validating,
      isValid: !validating && Object.keys(errors).length === 0,
      ...extra,
    };
  };
  const store = new Store<FormState<T, R>>(snapshot());
  const publish = () => store.set(snapshot());

  /** Runs every validator on the values as they are *now*; a result for older values is dropped. */
  const validate = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const seen = version;
    const current = values;
    const verdicts = fieldNames().map(async (field) => {
      const check = specs[field]?.validate;
      try {
        return [field, check ? toErrors(await check(current[field], current)) : []] as const;
      } catch (e) {
        // a check that failed (an async uniqueness check whose request failed) is that field's error: the
        // form must not stay "validating", nor the rejection go unhandled; the next change checks again
        return [field, [`could not be checked: ${e instanceof Error ? e.message : String(e)}`]] as const;
      }
    });
    return Promise.all(verdicts).then((results) => {
      if (seen !== version) return; // the values changed while validating: a newer run will report
      own = Object.fromEntries(results.filter(([, errs]) => errs.length > 0)) as typeof own;
      validated = seen;
      publish();
    });
  };

  const changed = () => {
    version++;
    publish();
    clearTimeout(timer);
    timer = setTimeout(() => void validate(), debounceMs);
  };

  void validate();

  return {
    getState: () => store.get(),
    subscribe: (listener) => store.subscribe(listener),
    setValue(field, value) {
      values = { ...values, [field]: value };
      if (server[field]) server = { ...server, [field]: undefined };
      changed();
    },
    touch(field) {
      touched = { ...touched, [field]: true };
      publish();
    },
    async submit() {
      while (validated !== version) await validate(); // again if the values changed meanwhile
      touched = Object.fromEntries(fieldNames().map((f) => [f, true])) as typeof touched;
      publish();
      if (!store.get().isValid || !options.submit) return undefined;
      extra = { submitting: true, submitError: undefined, result: undefined };
      publish();
      try {
        const result = await options.submit(values);
        extra = { submitting: false, submitError: undefined, result };
        return result;
      } catch (error) {
        // duck-typed, so that this module does not pull in the kernel
        if ((error as MizanError)?.code === "invalid_params") server = { ...(error as MizanError).fields } as typeof server;
        extra = { submitting: false, submitError: error, result: undefined };
        return undefined;
      } finally {
        publish();
      }
    },
    reset(next) {
      values = next ?? options.initialValues;
      touched = {};
      own = {};
      server = {};
      extra = { submitting: false, submitError: undefined, result: undefined };
      version++;
      publish();
      void validate();
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}

function toErrors(verdict: Verdict): Errors {
  if (!verdict) return [];
  return typeof verdict === "string" ? [verdict] : verdict;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}
