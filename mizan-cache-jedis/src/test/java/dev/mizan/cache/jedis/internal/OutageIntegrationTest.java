package dev.mizan.cache.jedis.internal;

import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.cache.Served;
import dev.mizan.cdi.internal.engine.CacheStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mizan.cache.jedis.internal.AppNode.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis of this test's own (its own redis-server process, stopped by pid) crashes, hangs and comes
 * back, while a node keeps reading and calling: reads bypass, calls succeed, and nothing stale is
 * read afterwards, even when Redis comes back from a snapshot older than the last purge.
 */
class OutageIntegrationTest {

    RedisServer redis;
    AppNode node;
    final AtomicInteger version = new AtomicInteger(1);

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        node = new AppNode(AppNode.standalone(redis.port, "mizan:"));
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to subscribe");
    }

    @AfterEach
    void stop() {
        node.close();
        redis.close();
    }

    Served read() {
        return node.read("stock", "k1", "sku=1", () -> "v" + version.get());
    }

    @Test
    void redisDownBypassesAndRedisBackServesNothingStaleEvenFromAnOlderSnapshot() {
        int lossesBefore = node.losses.size();
        read();
        assertThat(read().status()).isEqualTo(CacheStatus.HIT);
        // the snapshot holds the entry and the counters as they are now...
        assertThat(redis.send("SAVE")).isEqualTo("OK");
        // ...then the data changes and the purge is recorded, after the snapshot
        version.set(2);
        node.cache.purge(CounterNames.context("stock"));
        assertThat(body(read())).isEqualTo("v2");

        redis.kill();
        RedisServer.await(() -> !node.backend.available(), Duration.ofSeconds(5), "the node to notice the crash");
        // (a first subscription that needed a second try at start was a loss already)
        RedisServer.await(() -> node.losses.size() == lossesBefore + 1, Duration.ofSeconds(5), "listeners to be told the subscription is lost");
        version.set(3);
        Served during = read();
        assertThat(during.status()).isEqualTo(CacheStatus.BYPASS);
        assertThat(body(during)).isEqualTo("v3");
        assertThat(node.cache.serving()).as("the readiness check's view").isFalse();
        // no purge is lost here: what protects the next read is the epoch bump on resubscription alone

        // Redis comes back from the old snapshot: its counters match the v1 entry it also restored
        redis.launch();
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to resubscribe");
        assertThat(node.resyncs).as("listeners are told to resync").isNotEmpty();
        assertThat(node.losses).as("told once, however many reconnection attempts failed").hasSize(lossesBefore + 1);
        Served after = read();
        assertThat(after.status()).isNotEqualTo(CacheStatus.HIT);
        assertThat(body(after)).isEqualTo("v3");
        RedisServer.await(() -> read().status() == CacheStatus.HIT, Duration.ofSeconds(5), "service to resume");
        assertThat(body(read())).isEqualTo("v3");
        assertThat(node.cache.serving()).isTrue();
    }

    /**
     * One command that timed out opens a node's circuit for a moment, which makes its reads bypass; a purge
     * it makes meanwhile must still reach a Redis that answers again, or the other nodes would go on serving
     * what the call made stale (docs/how-to/redis.md).
     */
    @Test
    void aPurgeRightAfterOneTimedOutCommandStillReachesRedis() throws Exception {
        try (AppNode other = new AppNode(AppNode.standalone(redis.port, "mizan:"))) {
            RedisServer.await(other.backend::available, Duration.ofSeconds(10), "the other node to subscribe");
            Served first = other.read("stock", "k1", "sku=1", () -> "v" + version.get());
            assertThat(other.read("stock", "k1", "sku=1", () -> "v" + version.get()).status()).isEqualTo(CacheStatus.HIT);
            assertThat(body(first)).isEqualTo("v1");
            // Redis takes no command for 400 ms: this node's read times out (PT0.2S) and opens its circuit
            assertThat(redis.send("CLIENT", "PAUSE", "400", "ALL")).isEqualTo("OK");
            assertThat(read().status()).isEqualTo(CacheStatus.BYPASS);
            RedisServer.await(() -> "PONG".equals(redis.send("PING")), Duration.ofSeconds(5), "Redis to answer again");
            version.set(2);
            assertThat(node.cache.purge(CounterNames.context("stock"))).as("the purge was recorded").isTrue();
            assertThat(body(other.read("stock", "k1", "sku=1", () -> "v" + version.get()))).isEqualTo("v2");
        }
    }

    /** Redis goes down with every node (a host reboot) and reloads an older snapshot before any node is back. */
    @Test
    void aNewDeploymentServesNothingPurgedBeforeRedisCameBackFromAnOlderSnapshot() {
        read();
        assertThat(read().status()).isEqualTo(CacheStatus.HIT);
        assertThat(redis.send("SAVE")).isEqualTo("OK");
        version.set(2);
        node.cache.purge(CounterNames.context("stock"));
        node.close();
        redis.kill();
        // the snapshot's counters match its v1 entry again; no node was subscribed to see Redis go
        redis.launch();
        node = new AppNode(AppNode.standalone(redis.port, "mizan:"));
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the new deployment to subscribe");
        Served first = read();
        assertThat(first.status()).isNotEqualTo(CacheStatus.HIT);
        assertThat(body(first)).isEqualTo("v2");
    }

    /** The other side of the check above: a redeploy against a Redis that stayed up does not flush the cache. */
    @Test
    void aNewDeploymentOnTheSameRedisKeepsTheCacheWarm() {
        read();
        assertThat(read().status()).isEqualTo(CacheStatus.HIT);
        node.close();
        node = new AppNode(AppNode.standalone(redis.port, "mizan:"));
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the new deployment to subscribe");
        assertThat(read().status()).isEqualTo(CacheStatus.HIT);
        // no resync: the epoch did not move (unless the first subscription needed a second try, which tells one)
        assertThat(node.losses.isEmpty() ? node.resyncs : java.util.List.of()).isEmpty();
    }

    @Test
    void aPurgeThatRedisRefusesIsALostPurgeAndNothingStaleIsRead() {
        read();
        assertThat(read().status()).isEqualTo(CacheStatus.HIT);
        // Redis is full under noeviction (docs/how-to/redis.md): it answers writes with an OOM error reply
        assertThat(redis.send("CONFIG", "SET", "maxmemory-policy", "noeviction")).isEqualTo("OK");
        assertThat(redis.send("CONFIG", "SET", "maxmemory", "1")).isEqualTo("OK");
        version.set(2);
        node.cache.purge(CounterNames.context("stock"));
        assertThat(node.cache.degraded()).as("the refused purge is counted as lost").isTrue();
        Served after = read();
        assertThat(after.status()).isNotEqualTo(CacheStatus.HIT);
        assertThat(body(after)).isEqualTo("v2");
    }

    @Test
    void aRefusedPurgeIsRepairedByTheReadinessProbeAloneAndEveryNodeIsToldToResync() {
        try (AppNode other = new AppNode(AppNode.standalone(redis.port, "mizan:"))) {
            RedisServer.await(other.backend::available, Duration.ofSeconds(10), "the second node to subscribe");
            assertThat(redis.send("CONFIG", "SET", "maxmemory-policy", "noeviction")).isEqualTo("OK");
            assertThat(redis.send("CONFIG", "SET", "maxmemory", "1")).isEqualTo("OK");
            node.cache.purge(CounterNames.context("stock"), "{}");
            assertThat(node.cache.degraded()).as("the refused purge is lost").isTrue();
            assertThat(node.cache.serving()).as("the readiness check's view while Redis refuses writes").isFalse();
            assertThat(redis.send("CONFIG", "SET", "maxmemory", "0")).isEqualTo("OK");
            // no read on either node: the probe bumps the epoch, and the bump reaches every node
            assertThat(node.cache.serving()).isTrue();
            RedisServer.await(() -> other.events.contains("epoch resync"), Duration.ofSeconds(5), "the other node to hear the resync");
            assertThat(other.events).as("the refused purge itself reached no node").noneMatch(e -> e.endsWith(" {}"));
        }
    }

    @Test
    void aPurgeDuringAnOutageFailsNoCallAndLeavesNothingStale() {
        read();
        redis.kill();
        RedisServer.await(() -> !node.backend.available(), Duration.ofSeconds(5), "the node to notice the crash");
        version.set(2);
        node.cache.purge(CounterNames.context("stock"));
        assertThat(body(read())).isEqualTo("v2");
        redis.launch();
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to resubscribe");
        RedisServer.await(() -> read().status() == CacheStatus.HIT, Duration.ofSeconds(5), "service to resume");
        assertThat(body(read())).isEqualTo("v2");
    }

    @Test
    void aHungRedisCostsAtMostTheTimeoutPerRequestThenBypassesAtOnce() {
        read();
        redis.freeze();
        try {
            long start = System.nanoTime();
            Served first = read();
            long firstMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(first.status()).isEqualTo(CacheStatus.BYPASS);
            // timeout PT0.2S: the request thread is released although the server stays frozen until the end
            // (the bound is loose for loaded CI machines; a thread held by the hung server would never return)
            assertThat(firstMillis).isLessThan(2_500);
            RedisServer.await(() -> !node.backend.available(), Duration.ofSeconds(6), "the heartbeat to give up");
            long next = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(read().status()).isEqualTo(CacheStatus.BYPASS);
            }
            // at once: twenty reads that each waited the 200 ms timeout would take at least 4 s
            assertThat((System.nanoTime() - next) / 1_000_000).isLessThan(2_000);
        } finally {
            redis.thaw();
        }
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to resubscribe");
        RedisServer.await(() -> read().status() == CacheStatus.HIT, Duration.ofSeconds(5), "service to resume");
    }
}
