package dev.mizan.cache.jedis.internal;

import dev.mizan.spi.CacheBackend;
import dev.mizan.spi.CacheBackendFactory;

import java.util.Optional;
import java.util.function.Function;

/** Creates the {@link RedisCacheBackend} for {@code mizan.cache.backend=redis}. */
public final class RedisCacheBackendFactory implements CacheBackendFactory {

    /** For {@link java.util.ServiceLoader}. */
    public RedisCacheBackendFactory() {
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public CacheBackend create(Function<String, Optional<String>> config) {
        return new RedisCacheBackend(RedisSettings.read(config));
    }
}
