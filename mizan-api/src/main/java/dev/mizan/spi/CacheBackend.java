package dev.mizan.spi;

import java.time.Duration;
import java.util.List;

/**
 * Storage under Mizan's origin cache. Mizan keeps the logic (keys, generation stamps, single flight);
 * a backend only stores opaque entries and 64-bit counters.
 *
 * <p>Purges are O(1): every entry stores the values of its counters at the time it was computed, and
 * a read is a hit only while they are unchanged; a purge increments one counter. A counter that does
 * not exist yet is created at a random value, so a lost counter can never make an old entry valid.
 * Counters must outlive entries. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface CacheBackend extends AutoCloseable {

    /**
     * Reads an entry and the current value of each counter, in one round trip where the store allows.
     *
     * @param entryKey the entry's key
     * @param counters counter names
     * @return the entry (or {@code null}) and the counter values, {@code null} for a counter that does not exist
     */
    Lookup lookup(String entryKey, List<String> counters);

    /**
     * Returns the current value of each counter, creating absent ones at a random value.
     *
     * @param counters counter names
     * @return their values, in order
     */
    long[] counters(List<String> counters);

    /**
     * Stores an entry.
     *
     * @param entryKey the entry's key
     * @param entry    the stamped entry
     * @param ttl      how long it may live
     */
    void store(String entryKey, Entry entry, Duration ttl);

    /**
     * Increments a counter (creating it at a random value when absent): every entry stamped with it becomes stale.
     *
     * @param counter the counter's name
     */
    void increment(String counter);

    /**
     * Increments a counter as {@link #increment(String)} does and hands {@code event} to every
     * {@link PurgeListener} of every node sharing this backend, this one included, with the purge.
     * Mizan passes a short text describing the purge for its server-sent events (a context name and a
     * digest of params, never data). The default increments and drops the event: a backend that
     * cannot carry it still purges correctly, Mizan tells this node's own listeners itself, and other
     * nodes' clients then learn of the change only when they refetch. A backend that increments the counter but cannot hand on the event throws, as
     * for a purge it could not record: Mizan counts it as lost, and the epoch bump that repairs lost
     * purges tells every node's listeners to resync ({@link PurgeListener#resync()}).
     *
     * @param counter the counter's name
     * @param event   what listeners receive with the purge; a single line of text
     * @since 0.1
     */
    default void increment(String counter, String event) {
        increment(counter);
    }

    /**
     * Whether the backend can serve reads now. A backend shared by several nodes answers {@code false}
     * while it is unreachable or while this node may have missed other nodes' purges (for Redis: its
     * pub/sub subscription is lost); Mizan then bypasses the cache and its readiness check reports the
     * cache as degraded. A backend for one node only is always available.
     *
     * @return {@code true} while reads may be served from this backend
     * @since 0.1
     */
    default boolean available() {
        return true;
    }

    /**
     * Registers a listener told of every purge recorded in this backend by any node that shares it,
     * this one included, so that server-sent invalidation events reach the clients of every node. A
     * backend for one node only tells of its own purges. Listeners are called on the backend's own
     * thread and must return quickly.
     *
     * @param listener the listener
     * @since 0.1
     */
    default void addPurgeListener(PurgeListener listener) {
    }

    /** Releases connections and threads. */
    @Override
    void close();

    /**
     * Told of purges recorded in a {@link CacheBackend}; see {@link #addPurgeListener}.
     *
     * @since 0.1
     */
    interface PurgeListener {

        /**
         * A counter was incremented.
         *
         * @param counter the counter's name, as given to {@link #increment}
         */
        void purged(String counter);

        /**
         * A counter was incremented through {@link CacheBackend#increment(String, String)}. The default
         * ignores the event and calls {@link #purged(String)}.
         *
         * @param counter the counter's name
         * @param event   the event given with the purge, or {@code null} when there was none
         * @since 0.1
         */
        default void purged(String counter, String event) {
            purged(counter);
        }

        /**
         * This node may have missed purges (its link to the other nodes was lost and is back): whatever
         * a listener derived from earlier purges must be refreshed as a whole.
         */
        default void resync() {
        }

        /**
         * This node has stopped hearing the other nodes' purges (its link to them is lost), until a
         * {@link #resync()} says it is back: a listener must not claim to have heard every purge meanwhile.
         *
         * @since 0.1
         */
        default void lost() {
        }
    }

    /**
     * A stored entry: the counter values it was computed under, the response body and its ETag.
     *
     * @param stamp counter values at fill time
     * @param body  the serialised JSON result
     * @param etag  the strong ETag of {@code body}
     */
    record Entry(long[] stamp, byte[] body, String etag) {
    }

    /**
     * The answer of {@link #lookup}.
     *
     * @param entry    the stored entry, or {@code null} when absent or expired
     * @param counters current counter values, {@code null} elements for absent counters
     */
    record Lookup(Entry entry, Long[] counters) {
    }
}
