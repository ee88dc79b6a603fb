package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.AssertionExtension;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import dev.mizan.tck.framework.TestProperty;

/**
 * The run of the caching classes on the Redis backend really caches in Redis (docs/how-to/redis.md, "What Mizan stores"): the
 * backend is a server setting ({@code mizan.cache.backend=redis}), not the deployments', so a server that lost it
 * would pass every caching class on its in-memory cache. Here a cached read's entry must be in the Redis and
 * under the prefix the runner names ({@link TestProperty#CACHE_REDIS_URL}, {@link TestProperty#CACHE_REDIS_PREFIX}),
 * and a hit must come from there. Only keys under that prefix are read or deleted.
 *
 * <p>Tagged {@link MizanTck#REDIS_BACKEND} and not {@code tck}: only the run with the Redis backend selects it, and
 * there it fails, never skips, when Redis holds no entry.
 */
@Tag(MizanTck.REDIS_BACKEND)
@ExtendWith({ArquillianExtension.class, AssertionExtension.class})
class RedisBackendTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-redis-backend", Shop.CLASSES);
    }

    private static Reply stock(HttpTck http, String sku) {
        Reply r = http.ctx("stock", Map.of("sku", sku));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r;
    }

    private static String cache(Reply r) {
        return r.header("Mizan-Cache").orElse("<none>");
    }

    /** @return every key under the prefix (SCAN, so a shared Redis is never blocked) */
    private static List<String> keysUnder(Jedis redis, String prefix) {
        // the prefix is the runner's own: glob characters in it are escaped, so it matches only itself
        ScanParams match = new ScanParams().match(prefix.replaceAll("[*?\\[\\]\\\\]", "\\\\$0") + "*").count(1000);
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    /** @return the keys under the prefix whose value holds the body's bytes (ISO-8859-1: one char a byte) */
    private static List<String> entriesHolding(Jedis redis, String prefix, String body) {
        String wanted = new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return keysUnder(redis, prefix).stream().filter(key -> {
            byte[] value = redis.get(key.getBytes(StandardCharsets.UTF_8));
            return value != null && new String(value, StandardCharsets.ISO_8859_1).contains(wanted);
        }).toList();
    }

    @Assertion(id = "cache-redis-backend", strategy = "On a server started with mizan.cache.backend=redis, a cached read"
            + " that misses stores its entry (holding the response body) in that Redis under <prefix>e:; the next read"
            + " hits; with that one key deleted the read misses again and stores it anew")
    void cachedReadsLiveInRedis() {
        String url = TestProperty.CACHE_REDIS_URL.required();
        String prefix = TestProperty.CACHE_REDIS_PREFIX.required();
        HttpTck http = HttpTck.of(base);
        String sku = "redis-backend-" + UUID.randomUUID();
        try (Jedis redis = new Jedis(URI.create(url))) {
            Reply first = stock(http, sku);
            assertThat(cache(first)).as("first read of a fresh sku: %s", first).isEqualTo("miss");
            List<String> stored = entriesHolding(redis, prefix, first.body());
            assertThat(stored).as("keys under %s in the Redis at %s whose value holds the body %s of the read that"
                    + " missed (%d keys under the prefix in all): none means the server does not cache in Redis,"
                    + " is mizan.cache.backend=redis set on it?", prefix, url, first.body(),
                    keysUnder(redis, prefix).size()).hasSize(1);
            String key = stored.get(0);
            assertThat(key).as("the entry's key (docs/how-to/redis.md)").startsWith(prefix + "e:");

            Reply second = stock(http, sku);
            assertThat(cache(second)).as("second read: %s", second).isEqualTo("hit");
            assertThat(second.body()).isEqualTo(first.body());

            assertThat(redis.del(key)).as("DEL %s", key).isEqualTo(1L);
            Reply third = stock(http, sku);
            assertThat(cache(third)).as("read after the entry's key was deleted from Redis: %s", third).isEqualTo("miss");
            assertThat(entriesHolding(redis, prefix, third.body())).as("the entry is stored again").isEqualTo(
                    Arrays.asList(key));
        }
    }
}
