package dev.mizan.cdi.internal.telemetry;

import dev.mizan.cdi.internal.engine.CacheStatus;

/**
 * What Mizan counts (docs/how-to/operations.md). {@link #NONE} where the OpenTelemetry API is absent:
 * every method is empty and {@link #on()} is false, so callers skip even reading the clock.
 * Resolved once at deployment ({@link Telemetry#resolve}); the request path only calls these methods.
 */
public interface Metrics {

    /** Counts nothing. */
    Metrics NONE = new Metrics() {
    };

    /** @return whether anything is recorded (callers time work only then) */
    default boolean on() {
        return false;
    }

    /** A context read: {@code mizan.cache.requests{context, result}}. */
    default void cacheRequest(String context, CacheStatus result) {
    }

    /** A context value computed for the cache or a bypass: {@code mizan.cache.fill.duration{context}}. */
    default void filled(String context, long nanos) {
    }

    /** A purge of a context's entries: {@code mizan.purges{context}}. */
    default void purged(String context) {
    }

    /**
     * A function call: {@code mizan.calls{function, outcome}} and {@code mizan.call.duration}.
     *
     * @param outcome {@code ok}, or the error code the caller got
     */
    default void called(String function, String outcome, long nanos) {
    }

    /**
     * A call the HTTP layer refused before the function ran (origin, CSRF, content type, body): counted in
     * {@code mizan.calls{function, outcome}} like {@link #called}, not timed, as no function ran. A name that
     * is no function is not counted: it comes from the URL, and each would make a series.
     *
     * @param code the error code the caller got
     */
    default void refused(String function, String code) {
    }

    /** An {@code /events} stream opened (+1) or closed (-1): {@code mizan.events.streams}. */
    default void streams(int delta) {
    }
}
