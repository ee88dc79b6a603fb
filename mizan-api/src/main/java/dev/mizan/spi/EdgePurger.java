package dev.mizan.spi;

import java.util.Set;

/**
 * Tells a CDN which cached responses went stale. Mizan calls it off the request path, with retries,
 * after it purged {@link dev.mizan.Scope#PUBLIC} contexts; the tags are those sent in the tag header
 * ({@code mizan.edge.tag-header}), e.g. {@code mizan-ctx-catalog}. Provide one as a CDI bean; with
 * several, every one is told, in {@code @Priority} order, each with its own retries. The default only
 * logs.
 *
 * @since 0.1
 */
public interface EdgePurger {

    /**
     * Purges responses carrying any of the tags.
     *
     * @param tags cache tags
     * @throws Exception to have Mizan retry later
     */
    void purge(Set<String> tags) throws Exception;
}
