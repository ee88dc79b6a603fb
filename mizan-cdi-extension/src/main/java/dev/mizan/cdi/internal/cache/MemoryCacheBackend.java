package dev.mizan.cdi.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mizan.spi.CacheBackend;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The default {@link CacheBackend}: entries and counters in this JVM's heap, held by Caffeine.
 *
 * <p><strong>For one node only.</strong> Purges recorded here are invisible to other nodes, so an
 * application that runs on several nodes must use the Redis backend ({@code mizan.cache.backend=redis}).
 *
 * <p>Entries are bounded by {@code mizan.cache.memory.max-entries} and each expires after its own
 * TTL. Counters live in a separate, larger cache that never expires by time, so they outlive the
 * entries stamped with them; if one is evicted anyway it comes back at a new random value, which
 * turns its entries into misses, never into stale hits.
 */
public final class MemoryCacheBackend implements CacheBackend {

    /** Default of {@code mizan.cache.memory.max-entries}. */
    public static final long DEFAULT_MAX_ENTRIES = 10_000;

    private static final long MIN_COUNTERS = 10_000;

    private final Cache<String, Stored> entries;
    private final Cache<String, Long> counters;
    private final List<PurgeListener> listeners = new CopyOnWriteArrayList<>();

    /** @param maxEntries how many entries to keep at most (counters get four times as many, at least 10,000) */
    public MemoryCacheBackend(long maxEntries) {
        this(maxEntries, counterBound(maxEntries), Ticker.systemTicker());
    }

    /** For tests: explicit bounds and Caffeine's time source. */
    MemoryCacheBackend(long maxEntries, long maxCounters, Ticker ticker) {
        if (maxEntries <= 0 || maxCounters <= 0) {
            throw new IllegalArgumentException("bounds must be positive: " + maxEntries + ", " + maxCounters);
        }
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.writing((String key, Stored stored) -> stored.ttl()))
                .ticker(ticker)
                .build();
        this.counters = Caffeine.newBuilder()
                .maximumSize(maxCounters)
                .build();
        warmUp();
    }

    /**
     * Writes and removes one entry and one counter under the empty key, which no cache key or counter
     * name can be: Caffeine's write path (its classes, its maintenance task) is then ready when the
     * application starts, not in the first read that misses.
     */
    private void warmUp() {
        entries.put("", new Stored(new Entry(new long[0], new byte[0], ""), Duration.ofSeconds(1)));
        entries.invalidate("");
        counters.get("", name -> randomStart());
        counters.invalidate("");
    }

    @Override
    public Lookup lookup(String entryKey, List<String> names) {
        Stored stored = entries.getIfPresent(entryKey);
        Long[] values = new Long[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters.getIfPresent(names.get(i));
        }
        return new Lookup(stored == null ? null : stored.entry(), values);
    }

    @Override
    public long[] counters(List<String> names) {
        long[] values = new long[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counters.get(names.get(i), name -> randomStart());
        }
        return values;
    }

    @Override
    public void store(String entryKey, Entry entry, Duration ttl) {
        Objects.requireNonNull(entry, "entry");
        if (ttl.isNegative() || ttl.isZero()) {
            return;
        }
        entries.put(entryKey, new Stored(entry, ttl));
    }

    @Override
    public void increment(String counter) {
        increment(counter, null);
    }

    @Override
    public void increment(String counter, String event) {
        // atomic: Caffeine's asMap().merge runs under the entry's lock
        counters.asMap().merge(counter, randomStart(), (current, unused) -> current + 1);
        for (PurgeListener listener : listeners) {
            listener.purged(counter, event);
        }
    }

    /** Listeners hear of this node's purges only: this backend is not shared. */
    @Override
    public void addPurgeListener(PurgeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Drops everything; the backend stays usable. */
    @Override
    public void close() {
        entries.invalidateAll();
        counters.invalidateAll();
    }

    /** For tests: loses every counter, as eviction or a restart of a store would. */
    void dropCounters() {
        counters.invalidateAll();
    }

    /** For tests: the number of entries once pending evictions have run. */
    long entryCount() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    static long counterBound(long maxEntries) {
        long fourTimes = maxEntries > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : maxEntries * 4;
        return Math.max(MIN_COUNTERS, fourTimes);
    }

    /** Counters start anywhere in the 64-bit range, so a re-created counter never matches an old stamp. */
    private static long randomStart() {
        return ThreadLocalRandom.current().nextLong();
    }

    private record Stored(Entry entry, Duration ttl) {
    }
}
