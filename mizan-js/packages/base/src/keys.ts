/**
 * `@mizan/base/keys`: what edge code and tests need beside the browser kernel: the origin cache
 * key of docs/internals/key-derivation.md (which needs `mizan.secret`, so it never belongs in a page), plain RFC 8785, and the
 * canonical-params helpers (`encodeParams`: the wire query and canonical form of a read's params).
 * A page needs only `stableKey`, which the main entry exports too.
 */
export { canonicalize, canonicalizeParamsText, canonicalParams, encodeParams, isStringTyped, stableKey } from "./canonical.js";

const encoder = new TextEncoder();

async function hmac(key: Uint8Array, message: string): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const k = await subtle.importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", k, encoder.encode(message) as BufferSource));
}

/**
 * The origin cache key of a read (docs/internals/key-derivation.md), for edge code and tests:
 * `hex(HMAC(HMAC(secret, "mizan/cache-key/v1"), "mizan/v1\n" + name + "\n" + scope + "\n" + canonical))`.
 *
 * @param scope `"public"` or `"user:" + principal name`
 */
export async function deriveCacheKey(secret: string, name: string, scope: string, canonical: string): Promise<string> {
  const subkey = await hmac(encoder.encode(secret), "mizan/cache-key/v1");
  const mac = await hmac(subkey, `mizan/v1\n${name}\n${scope}\n${canonical}`);
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

