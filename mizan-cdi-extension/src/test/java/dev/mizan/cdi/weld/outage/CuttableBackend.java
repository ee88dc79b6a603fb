package dev.mizan.cdi.weld.outage;

import dev.mizan.cdi.internal.cache.MemoryCacheBackend;
import dev.mizan.spi.CacheBackend;
import dev.mizan.spi.CacheBackendFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A real in-memory backend, shared like Redis by every listener registered on it, whose connection a
 * test can cut: every call fails while it is. Chosen with {@code mizan.cache.backend=cuttable}.
 */
public final class CuttableBackend implements CacheBackend {

    /** The backend the last deployment created. */
    public static volatile CuttableBackend current;

    private final MemoryCacheBackend store = new MemoryCacheBackend(1000);
    private volatile boolean cut;
    /** Runs before each increment is recorded, on the purging thread (to hold one there). */
    private volatile Runnable beforeIncrement = () -> { };

    /** Sets what runs before each increment is recorded. */
    public void beforeIncrement(Runnable hook) {
        this.beforeIncrement = hook;
    }

    /** Cuts the connection, or restores it. */
    public void cut(boolean cut) {
        this.cut = cut;
    }

    @Override
    public Lookup lookup(String entryKey, List<String> counters) {
        check();
        return store.lookup(entryKey, counters);
    }

    @Override
    public long[] counters(List<String> counters) {
        check();
        return store.counters(counters);
    }

    @Override
    public void store(String entryKey, Entry entry, Duration ttl) {
        check();
        store.store(entryKey, entry, ttl);
    }

    @Override
    public void increment(String counter) {
        check();
        store.increment(counter);
    }

    @Override
    public void increment(String counter, String event) {
        check();
        beforeIncrement.run();
        store.increment(counter, event);
    }

    @Override
    public void addPurgeListener(PurgeListener listener) {
        store.addPurgeListener(listener);
    }

    @Override
    public void close() {
        store.close();
    }

    private void check() {
        if (cut) {
            throw new IllegalStateException("connection refused");
        }
    }

    /** Registered in META-INF/services of the tests. */
    public static final class Factory implements CacheBackendFactory {

        @Override
        public String name() {
            return "cuttable";
        }

        @Override
        public CacheBackend create(Function<String, Optional<String>> config) {
            current = new CuttableBackend();
            return current;
        }
    }
}
