// One @mizan/base client per render on the server (seeded from the worker's `data`, never fetching),
// and one per page in the browser (seeded from the __MIZAN_SSR_DATA__ script by createClient itself).
import { createClient } from "@mizan/base";

export function serverClient(data) {
  const client = createClient({ baseUrl: "", document: null, channel: false, fetch: () => Promise.reject(new Error("no fetch during SSR")) });
  client.hydrate(data);
  return client;
}

export function browserClient() {
  return createClient({ baseUrl: "" });
}

export function pageData() {
  return JSON.parse(document.getElementById("__MIZAN_SSR_DATA__").textContent);
}

