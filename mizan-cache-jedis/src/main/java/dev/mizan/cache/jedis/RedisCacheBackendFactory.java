package dev.mizan.cache.jedis;

import dev.mizan.cache.jedis.internal.RedisCacheBackend;
import dev.mizan.cache.jedis.internal.RedisSettings;
import dev.mizan.spi.CacheBackend;
import dev.mizan.spi.CacheBackendFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * The cache backend named {@code redis}: Mizan's origin cache on Redis through Jedis, for applications
 * that run on several nodes. Found with {@link java.util.ServiceLoader} when this jar is in
 * {@code WEB-INF/lib}; chosen with {@code mizan.cache.backend=redis}; configured with the
 * {@code mizan.cache.redis.*} keys ({@code mode}, {@code url}, {@code nodes}, {@code sentinel.master},
 * {@code user}, {@code password}, {@code ssl}, {@code timeout}, {@code prefix}, {@code pool-size},
 * {@code counter-ttl}).
 * See the project's docs/how-to/redis.md for each key, the three Redis modes and what each
 * guarantees after a failover. Applications never call this class themselves.
 *
 * @since 0.1
 */
public final class RedisCacheBackendFactory implements CacheBackendFactory {

    /** For {@link java.util.ServiceLoader}. */
    public RedisCacheBackendFactory() {
    }

    /** @return {@code redis} */
    @Override
    public String name() {
        return "redis";
    }

    /**
     * Reads the {@code mizan.cache.redis.*} keys, connects and subscribes to the other nodes' purges.
     *
     * @param config reads a full {@code mizan.*} key
     * @return the backend; Redis being unreachable at start is not an error (reads bypass until it answers)
     * @throws IllegalArgumentException a numbered message naming a malformed or missing key
     */
    @Override
    public CacheBackend create(Function<String, Optional<String>> config) {
        return new RedisCacheBackend(RedisSettings.read(config));
    }
}
