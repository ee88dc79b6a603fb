package dev.mizan;

/**
 * Who may share a cached read.
 *
 * @since 0.1
 */
public enum Scope {
    /**
     * The result depends only on the parameters, never on who asks. It may be cached once for
     * everybody, at the origin and (with {@link MizanContext#edgeMaxAge()}) by shared caches.
     * A public context must carry no {@code @RolesAllowed}.
     */
    PUBLIC,
    /**
     * The result depends on the parameters and the caller's principal. Entries are keyed per
     * principal, never shared and never edge-cached; anonymous callers bypass the cache.
     */
    USER
}
