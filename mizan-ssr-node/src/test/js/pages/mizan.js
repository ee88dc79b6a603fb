// One @mizan/base client per render on the server (seeded from the worker's `data`, never fetching),
// and one per page in the browser (seeded from the __MIZAN_SSR_DATA__ script by createClient itself).
import { createClient } from "@mizan/base";

/**
 * Renders with a client seeded from the worker's `data`, and closes the client once the page is rendered
 * (awaited, for an asynchronous render): an open one would hold the data in the worker for its gcTime.
 */
export async function withServerClient(data, render) {
  const client = createClient({ baseUrl: "", document: null, channel: false, fetch: () => Promise.reject(new Error("no fetch during SSR")) });
  try {
    client.hydrate(data);
    return await render(client);
  } finally {
    client.close();
  }
}

export function browserClient() {
  return createClient({ baseUrl: "" });
}

export function pageData() {
  return JSON.parse(document.getElementById("__MIZAN_SSR_DATA__").textContent);
}

