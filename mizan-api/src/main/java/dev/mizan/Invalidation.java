package dev.mizan;

import java.util.Map;

/**
 * Run-time invalidation, for staleness that annotations cannot express. Inject it into any CDI bean:
 * entries are purged after the current method's transaction commits (immediately without one; never
 * when it rolls back) and listed in the current call's {@code invalidate} response.
 *
 * <pre>{@code
 * @Inject Invalidation invalidation;
 * ...
 * invalidation.context("todos", Map.of("list", listId));
 * }</pre>
 *
 * @since 0.1
 */
public interface Invalidation {

    /**
     * Purges every entry of a context.
     *
     * @param context the context's name
     * @throws IllegalArgumentException if no such context exists
     */
    void context(String context);

    /**
     * Purges the entries of a context whose named params equal the given values.
     *
     * @param context the context's name
     * @param params  param values by name; each name must be a param of the context
     * @throws IllegalArgumentException if no such context or param exists
     */
    void context(String context, Map<String, ?> params);

    /**
     * Purges every cached entry that belongs to a user, across all {@link Scope#USER} contexts.
     *
     * @param user the principal name
     */
    void user(String user);
}
