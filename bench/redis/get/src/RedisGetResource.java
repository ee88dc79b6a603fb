package bench;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.net.URI;

/**
 * The baseline of bench/redis.sh: a hand-written JAX-RS resource doing one Jedis GET of the bytes a
 * cached Mizan context answers with. Same Redis (mizan.cache.redis.url, a server system property),
 * same pool size as Mizan's default (64). The bench adds this class to samples/hello's own WAR, where
 * hello's JAX-RS application (/api) serves it: the same server, filters and security as the context it
 * is compared with (hello's authentication mechanism runs on every request of that WAR).
 */
@Path("bench-redis-get")
@ApplicationScoped
public class RedisGetResource {

    private static final byte[] KEY = "bench:greeting".getBytes(StandardCharsets.UTF_8);

    private RedisClient redis;

    @PostConstruct
    void open() {
        URI url = URI.create(System.getProperty("mizan.cache.redis.url", "redis://127.0.0.1:6379"));
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        redis = RedisClient.builder().hostAndPort(url.getHost(), url.getPort()).poolConfig(pool).build();
    }

    @PreDestroy
    void close() {
        redis.close();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] get() {
        return redis.get(KEY);
    }
}
