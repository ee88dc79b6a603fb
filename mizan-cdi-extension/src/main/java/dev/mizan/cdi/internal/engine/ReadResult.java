package dev.mizan.cdi.internal.engine;

import dev.mizan.cdi.internal.model.ContextModel;

/**
 * A context read's outcome.
 *
 * @param context the context read (for its cache headers)
 * @param body    the JSON bytes to send
 * @param etag    strong ETag of {@code body}, quoted
 * @param cache   where it came from
 */
public record ReadResult(ContextModel context, byte[] body, String etag, CacheStatus cache) {
}
