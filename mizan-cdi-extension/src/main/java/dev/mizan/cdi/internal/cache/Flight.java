package dev.mizan.cdi.internal.cache;

import java.util.concurrent.CompletableFuture;

/**
 * One fill in progress on this node: the stamp it read before computing, then its result.
 * Concurrent misses of the same key wait on it instead of computing again.
 */
final class Flight {

    /** Completed before the compute starts; {@code null} when the counters could not be read. */
    final CompletableFuture<long[]> stamp = new CompletableFuture<>();
    final CompletableFuture<Served> result = new CompletableFuture<>();
    final Thread owner = Thread.currentThread();
    /** Set when a fresher fill of the same key replaced this one; its result must not overwrite that fill's. */
    volatile boolean superseded;

    /**
     * Whether this fill's result is fresh enough for a reader that saw {@code seen} counters on its
     * lookup. A fill stamped before a purge the reader has already seen must not answer it: that
     * reader started after the purge and must get data read after it (docs/internals/cache-design.md).
     *
     * @param seen counter values from the reader's lookup, {@code null} for absent ones
     */
    boolean serves(Long[] seen) {
        long[] stamped = stamp.join();
        if (stamped == null || stamped.length != seen.length) {
            return false;
        }
        for (int i = 0; i < stamped.length; i++) {
            // an absent counter means no purge of it had been recorded when the reader looked
            if (seen[i] != null && seen[i] != stamped[i]) {
                return false;
            }
        }
        return true;
    }
}
