package dev.mizan.cdi.internal.cache;

import dev.mizan.spi.CacheBackend;

import java.time.Duration;
import java.util.List;

/** A real in-memory backend whose connection the test can cut, as a Redis outage would. */
final class OutageBackend implements CacheBackend {

    private final MemoryCacheBackend store = new MemoryCacheBackend(1000);
    private volatile boolean down;

    void down(boolean down) {
        this.down = down;
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
    public void close() {
        store.close();
    }

    private void check() {
        if (down) {
            throw new IllegalStateException("connection refused");
        }
    }
}
