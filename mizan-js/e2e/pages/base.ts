/** The application's base path: these pages live at `{app}/e2e/*.html`, so `{app}` is the Mizan base URL. */
export function appBase(): string {
  return location.pathname.replace(/\/e2e\/[^/]*$/, "");
}

/**
 * How the greeting reads on every page (so the test can expect one text). `text` is optional in
 * the schema: a Java record's String component may be null, and JSON-B then leaves it out.
 */
export function show(greeting: { text?: string; exclamations: number } | undefined): string {
  return greeting ? (greeting.text ?? "") + "!".repeat(greeting.exclamations) : "…";
}
