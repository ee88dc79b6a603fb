package dev.mizan.cache.jedis.internal;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Jedis's client for the configured mode: {@link RedisClient}, {@link RedisSentinelClient} or
 * {@link RedisClusterClient}, each with bounded timeouts everywhere a request thread could wait (connect,
 * read, and the wait for a pooled connection).
 *
 * <p>The Sentinel and Cluster clients ask their nodes for the master or the slot map as they are built,
 * and fail when none answers, after up to the timeout per node. Redis being unreachable at start is not an
 * error (the backend bypasses until it answers: docs/how-to/redis.md), so the client is built at start and
 * again by the purge subscription's thread, at its back-off pace, until it could be; request threads
 * ({@link #built()}) never build it, so none waits for sentinels or seeds that do not answer.
 */
final class RedisClients implements AutoCloseable {

    private final RedisSettings settings;
    private final JedisClientConfig config;
    private final Supplier<HostAndPort> clusterNodes;
    private volatile UnifiedJedis client;
    private volatile boolean closed;

    private RedisClients(RedisSettings settings) {
        this.settings = settings;
        this.config = clientConfig(settings, true);
        // classic pub/sub is broadcast to every cluster node: any node will do, the next one on failure
        List<HostAndPort> nodes = List.copyOf(settings.nodes());
        AtomicInteger next = new AtomicInteger();
        this.clusterNodes = () -> nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
    }

    static RedisClients create(RedisSettings settings) {
        return new RedisClients(settings);
    }

    /** @return connection settings, also for the dedicated pub/sub connection */
    JedisClientConfig config() {
        return config;
    }

    /**
     * For the start and the purge subscription's threads: builds the client when it is not yet.
     *
     * @return the client for commands and pipelines
     * @throws redis.clients.jedis.exceptions.JedisException when it cannot be built now (no sentinel or
     *         cluster node answers), or after {@link #close()}
     */
    UnifiedJedis client() {
        UnifiedJedis c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (closed) {
                throw new JedisConnectionException("closed");
            }
            if (client == null) {
                client = build();
            }
            return client;
        }
    }

    /**
     * For request threads.
     *
     * @return the client, if built
     * @throws CacheUnavailableException while it is not: the origin cache bypasses, or counts a lost purge
     */
    UnifiedJedis built() {
        UnifiedJedis c = client;
        if (c == null) {
            throw Messages.unavailable();
        }
        return c;
    }

    /** @return where to open the pub/sub connection now: the current master, or the next cluster node */
    HostAndPort subscribeTo() {
        return switch (settings.mode()) {
            case STANDALONE -> settings.standaloneAddress();
            case SENTINEL -> ((RedisSentinelClient) client()).getCurrentMaster();
            case CLUSTER -> clusterNodes.get();
        };
    }

    /**
     * @return in Sentinel mode, the master the sentinels name now (Jedis follows their switch-master
     *         messages); null in the other modes, or while the client is not built
     */
    HostAndPort currentMaster() {
        return client instanceof RedisSentinelClient sentinel ? sentinel.getCurrentMaster() : null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }

    private UnifiedJedis build() {
        return switch (settings.mode()) {
            case STANDALONE -> RedisClient.builder().hostAndPort(settings.standaloneAddress()).clientConfig(config)
                    .poolConfig(pool(settings)).build();
            case SENTINEL -> RedisSentinelClient.builder()
                    .masterName(settings.master().orElseThrow())
                    .sentinels(settings.nodes())
                    .clientConfig(config)
                    // sentinels take the timeouts and TLS, not the data nodes' credentials or database
                    .sentinelClientConfig(clientConfig(settings, false))
                    .poolConfig(pool(settings))
                    .build();
            case CLUSTER -> RedisClusterClient.builder()
                    .nodes(settings.nodes())
                    .clientConfig(config)
                    .poolConfig(pool(settings))
                    // a MOVED/ASK or a failover may need a retry; never more than a few timeouts in all
                    .maxAttempts(3)
                    .maxTotalRetriesDuration(settings.timeout().multipliedBy(3))
                    .build();
        };
    }

    private static JedisClientConfig clientConfig(RedisSettings settings, boolean dataNode) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.timeoutMillis())
                .socketTimeoutMillis(settings.timeoutMillis())
                .ssl(settings.ssl())
                .clientName("mizan");
        if (dataNode) {
            settings.user().ifPresent(builder::user);
            settings.password().ifPresent(builder::password);
            if (settings.mode() != RedisSettings.Mode.CLUSTER) {
                builder.database(settings.database());
            }
        }
        return builder.build();
    }

    private static ConnectionPoolConfig pool(RedisSettings settings) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        // a request thread never waits longer than the timeout for a free connection
        pool.setMaxWait(Duration.ofMillis(settings.timeoutMillis()));
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        return pool;
    }
}
