// Shared by the browser runs (mizan-js/e2e, samples/*-e2e): a run that starts a server on a port where
// another one already answers would test that other server, or fail in confusing ways.
import { connect } from "node:net";

/** True when something answers on the port of 127.0.0.1 (another server: we must not test it). */
export function listening(port) {
  return new Promise((done) => {
    const socket = connect({ host: "127.0.0.1", port }, () => (socket.destroy(), done(true)));
    socket.on("error", () => done(false));
  });
}

/** Throws, naming the port, when any of `ports` already answers. */
export async function requireFree(...ports) {
  for (const port of ports) {
    if (await listening(port)) throw new Error(`port ${port} is in use: another server runs there; stop it or choose another port offset`);
  }
}
