package dev.mizan.cache.jedis.internal;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Builds Jedis's client for the configured mode: {@link RedisClient}, {@link RedisSentinelClient}
 * or {@link RedisClusterClient}, each with bounded timeouts everywhere a request thread could wait
 * (connect, read, and the wait for a pooled connection).
 *
 * @param client       the client for commands and pipelines
 * @param config       connection settings, also for the dedicated pub/sub connection
 * @param subscribeTo  where to open the pub/sub connection now (the current master, or the next cluster node)
 */
record RedisClients(UnifiedJedis client, JedisClientConfig config, Supplier<HostAndPort> subscribeTo) {

    static RedisClients create(RedisSettings settings) {
        JedisClientConfig config = clientConfig(settings, true);
        return switch (settings.mode()) {
            case STANDALONE -> {
                HostAndPort address = settings.standaloneAddress();
                RedisClient client = RedisClient.builder().hostAndPort(address).clientConfig(config)
                        .poolConfig(pool(settings)).build();
                yield new RedisClients(client, config, () -> address);
            }
            case SENTINEL -> {
                RedisSentinelClient client = RedisSentinelClient.builder()
                        .masterName(settings.master().orElseThrow())
                        .sentinels(settings.nodes())
                        .clientConfig(config)
                        // sentinels take the timeouts and TLS, not the data nodes' credentials or database
                        .sentinelClientConfig(clientConfig(settings, false))
                        .poolConfig(pool(settings))
                        .build();
                yield new RedisClients(client, config, client::getCurrentMaster);
            }
            case CLUSTER -> {
                RedisClusterClient client = RedisClusterClient.builder()
                        .nodes(settings.nodes())
                        .clientConfig(config)
                        .poolConfig(pool(settings))
                        // a MOVED/ASK or a failover may need a retry; never more than a few timeouts in all
                        .maxAttempts(3)
                        .maxTotalRetriesDuration(settings.timeout().multipliedBy(3))
                        .build();
                // classic pub/sub is broadcast to every cluster node: any node will do, the next one on failure
                List<HostAndPort> nodes = List.copyOf(settings.nodes());
                AtomicInteger next = new AtomicInteger();
                yield new RedisClients(client, config, () -> nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size())));
            }
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
