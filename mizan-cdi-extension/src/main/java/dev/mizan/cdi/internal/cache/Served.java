package dev.mizan.cdi.internal.cache;

import dev.mizan.cdi.internal.engine.CacheStatus;

/**
 * What {@link OriginCache} answers with.
 *
 * @param body   the serialised result; callers must not modify it (it may be shared with the cache)
 * @param etag   its strong ETag, quoted
 * @param status where it came from
 */
public record Served(byte[] body, String etag, CacheStatus status) {
}
