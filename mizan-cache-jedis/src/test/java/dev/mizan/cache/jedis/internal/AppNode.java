package dev.mizan.cache.jedis.internal;

import dev.mizan.cache.jedis.RedisCacheBackendFactory;
import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.cache.Served;
import dev.mizan.spi.CacheBackend.PurgeListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One application node as Mizan's core sees its cache: the real {@link OriginCache} over a real
 * {@link RedisCacheBackend}. Two of these with the same settings are two nodes sharing one Redis.
 */
final class AppNode implements AutoCloseable {

    final RedisCacheBackend backend;
    final OriginCache cache;
    /** Counters this node heard were purged (by any node), in order. */
    final List<String> heard = new CopyOnWriteArrayList<>();
    final List<String> resyncs = new CopyOnWriteArrayList<>();
    /** Times this node was told it stopped hearing the other nodes' purges. */
    final List<String> losses = new CopyOnWriteArrayList<>();
    /** Events heard with purges, as "counter event" ("counter null" for a purge without one). */
    final List<String> events = new CopyOnWriteArrayList<>();

    AppNode(Map<String, String> config) {
        this.backend = (RedisCacheBackend) new RedisCacheBackendFactory().create(key -> Optional.ofNullable(config.get(key)));
        this.cache = new OriginCache(backend);
        cache.addPurgeListener(new PurgeListener() {
            @Override
            public void purged(String counter) {
                heard.add(counter);
            }

            @Override
            public void purged(String counter, String event) {
                events.add(counter + " " + event);
                purged(counter);
            }

            @Override
            public void resync() {
                resyncs.add("resync");
            }

            @Override
            public void lost() {
                losses.add("lost");
            }
        });
    }

    /** Settings for a standalone Redis on {@code port}, under a prefix of its own. */
    static Map<String, String> standalone(int port, String prefix) {
        Map<String, String> config = new HashMap<>();
        config.put("mizan.cache.redis.url", "redis://127.0.0.1:" + port);
        config.put("mizan.cache.redis.prefix", prefix);
        return config;
    }

    /** Settings for a Redis {@code mode} ({@code sentinel}, {@code cluster}) reached through {@code nodes}. */
    static Map<String, String> through(String mode, List<RedisServer> nodes) {
        Map<String, String> config = new HashMap<>();
        config.put("mizan.cache.redis.mode", mode);
        config.put("mizan.cache.redis.nodes", nodes.stream().map(n -> "127.0.0.1:" + n.port).collect(Collectors.joining(",")));
        return config;
    }

    /** Reads a PUBLIC entry of {@code context} with one param group value. */
    Served read(String context, String key, String group, Supplier<String> compute) {
        return read(context, key, Optional.empty(), group, compute);
    }

    Served read(String context, String key, Optional<String> user, String group, Supplier<String> compute) {
        List<String> counters = CounterNames.forEntry(context, user, List.of(group));
        return cache.read(key, counters, Duration.ofMinutes(1),
                () -> compute.get().getBytes(StandardCharsets.UTF_8));
    }

    static String body(Served served) {
        return new String(served.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        cache.close();
    }
}
