/**
 * Cache keys and stable keys (docs/internals/key-derivation.md): the secrets and their per-purpose subkeys, the canonical
 * form of a context's params, and the HMAC keys built from it. Internal, may change.
 */
package dev.mizan.cdi.internal.key;
