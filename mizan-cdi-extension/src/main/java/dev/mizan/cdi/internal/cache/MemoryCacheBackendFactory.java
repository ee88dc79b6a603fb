package dev.mizan.cdi.internal.cache;

import dev.mizan.spi.CacheBackend;
import dev.mizan.spi.CacheBackendFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * Creates the {@link MemoryCacheBackend} for {@code mizan.cache.backend=memory} (the default),
 * bounded by {@code mizan.cache.memory.max-entries} (default 10000). For one node only.
 */
public final class MemoryCacheBackendFactory implements CacheBackendFactory {

    /** The config key that bounds the number of entries. */
    public static final String MAX_ENTRIES = "mizan.cache.memory.max-entries";

    /** For {@link java.util.ServiceLoader}. */
    public MemoryCacheBackendFactory() {
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public CacheBackend create(Function<String, Optional<String>> config) {
        return new MemoryCacheBackend(maxEntries(config));
    }

    private static long maxEntries(Function<String, Optional<String>> config) {
        Optional<String> raw = config.apply(MAX_ENTRIES).map(String::trim);
        if (raw.isEmpty()) {
            return MemoryCacheBackend.DEFAULT_MAX_ENTRIES;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new IllegalArgumentException(MAX_ENTRIES + " must be a positive integer, not '" + raw.get() + "'");
    }
}
