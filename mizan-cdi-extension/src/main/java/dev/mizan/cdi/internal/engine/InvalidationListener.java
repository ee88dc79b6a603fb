package dev.mizan.cdi.internal.engine;

import java.util.Optional;

/**
 * Told of every purge of a context, on this node or (with Redis) any node sharing the cache, for
 * {@code GET /events} (docs/reference/protocol.md). Called on a backend thread: must return quickly.
 */
public interface InvalidationListener {

    /**
     * @param id      the event's id: the {@code Mizan-Event-Id} of the call that caused it
     * @param context the purged context
     * @param digest  lowercase hex SHA-256 of the purged stableKey, for a purge of one entry's params;
     *                empty when the purge reaches further (every entry, or a subset of the params)
     */
    void invalidated(String id, String context, Optional<String> digest);

    /**
     * Every entry of one user was purged ({@code Invalidation.user}): that user's streams hear of every
     * USER-scope context they may read.
     *
     * @param id        the event's id: the {@code Mizan-Event-Id} of the call that caused it
     * @param userToken the user's keyed token ({@link MizanEngine#userToken}), never the name
     */
    default void userInvalidated(String id, String userToken) {
    }

    /**
     * This node has stopped hearing other nodes' purges (its pub/sub subscription is lost) until
     * {@link #resync()}: meanwhile a listener must not claim it heard every purge.
     */
    default void lost() {
    }

    /** This node may have missed purges (its pub/sub subscription was lost and is back). */
    void resync();
}
