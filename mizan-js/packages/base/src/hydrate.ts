/** Server-rendered data (docs/reference/protocol.md): `<script type="application/json" id="__MIZAN_SSR_DATA__">`. */

export const SSR_DATA_ID = "__MIZAN_SSR_DATA__";

/** The payload of the SSR data script. */
export interface SsrData {
  readonly contexts: Readonly<Record<string, { readonly data: unknown; readonly updatedAt?: number }>>;
  /** The server's clock (epoch ms) before it read `contexts`: live updates catch up from then. */
  readonly readAt?: number;
}

/**
 * Reads the SSR data script from a document; `undefined` when the page has none. Only a JSON script is
 * data, the first one with the id, which the server writes ahead of anything rendered: an element of the
 * page's content with that id (DOM clobbering) is never read in its place (docs/reference/security.md).
 */
export function readSsrData(doc: Pick<Document, "querySelector">): SsrData | undefined {
  const text = doc.querySelector(`script#${SSR_DATA_ID}[type="application/json"]`)?.textContent;
  const data = text ? (JSON.parse(text) as SsrData | null) : undefined; // a JSON script is data, never executed (CSP-safe)
  return typeof data?.contexts === "object" ? data : undefined;
}
