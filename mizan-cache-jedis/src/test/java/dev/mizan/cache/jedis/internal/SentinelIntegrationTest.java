package dev.mizan.cache.jedis.internal;

import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.cache.Served;
import dev.mizan.cdi.internal.engine.CacheStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentinel: one master, one replica, three sentinels, all started here. The master is killed while
 * a node reads and writes; reads bypass or hit, every call succeeds, and no read that starts after
 * a purge returned is ever answered with data older than that purge, across the failover.
 */
class SentinelIntegrationTest {

    static final String MASTER_NAME = "mizanmaster";

    RedisServer master;
    RedisServer replica;
    final List<RedisServer> sentinels = new ArrayList<>();

    @BeforeEach
    void start() {
        master = RedisServer.start();
        replica = RedisServer.start("--replicaof", "127.0.0.1", Integer.toString(master.port));
        RedisServer.await(() -> replica.send("INFO", "replication").contains("master_link_status:up"),
                Duration.ofSeconds(20), "the replica to sync");
        for (int i = 0; i < 3; i++) {
            sentinels.add(RedisServer.sentinel(MASTER_NAME, master.port));
        }
        for (RedisServer s : sentinels) {
            RedisServer.await(() -> s.send("SENTINEL", "REPLICAS", MASTER_NAME).contains(Integer.toString(replica.port))
                            && s.send("SENTINEL", "MASTER", MASTER_NAME).contains("num-other-sentinels\n2"),
                    Duration.ofSeconds(30), "sentinel " + s.port + " to see the replica and the other sentinels");
        }
    }

    @AfterEach
    void stop() {
        sentinels.forEach(RedisServer::close);
        replica.close();
        master.close();
    }

    /**
     * The subscription follows the master: after a switch it must be on the new master, even while the old
     * one still answers (here a graceful failover, which keeps the old master up as a replica; a partition
     * that cuts only the sentinels off the old master is the case that loses purges). Resubscribing moves
     * the epoch and tells the node's listeners to resync.
     */
    @Test
    void theSubscriptionMovesToTheNewMasterAfterASwitch() {
        Map<String, String> config = AppNode.through("sentinel", sentinels);
        config.put("mizan.cache.redis.sentinel.master", MASTER_NAME);
        try (AppNode node = new AppNode(config)) {
            RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to subscribe");
            assertThat(subscribers(master)).isEqualTo(1);
            assertThat(sentinels.get(0).send("SENTINEL", "FAILOVER", MASTER_NAME)).isEqualTo("OK");
            RedisServer.await(() -> isMaster(replica), Duration.ofSeconds(20), "the replica to take over");
            RedisServer.await(() -> subscribers(replica) == 1 && !node.resyncs.isEmpty(), Duration.ofSeconds(10),
                    "the node to subscribe on the new master and resync");
            assertThat(subscribers(master)).isZero();
        }
    }

    /** The sentinels' promotion ends with CLIENT KILL TYPE normal on the replica, which may cut this very probe. */
    private static boolean isMaster(RedisServer server) {
        try {
            return server.send("ROLE").startsWith("master");
        } catch (JedisConnectionException e) {
            return false;
        }
    }

    /** Connections subscribed to Mizan's purge channel on a server ({@code PUBSUB NUMSUB} answers the channel, then the count). */
    private static long subscribers(RedisServer server) {
        List<String> reply = server.send("PUBSUB", "NUMSUB", "mizan:purges").lines().toList();
        assertThat(reply).as("PUBSUB NUMSUB's reply").hasSize(2).first().isEqualTo("mizan:purges");
        return Long.parseLong(reply.get(1));
    }

    /** Redis unreachable at start is no error (docs/how-to/redis.md): the node bypasses until the sentinels answer. */
    @Test
    void theSentinelsDownAtStartDoNotFailTheNodeWhichServesOnceTheyAreUp() {
        Map<String, String> config = AppNode.through("sentinel", sentinels);
        config.put("mizan.cache.redis.sentinel.master", MASTER_NAME);
        sentinels.forEach(RedisServer::close);
        try (AppNode node = new AppNode(config)) {
            assertThat(node.backend.available()).isFalse();
            assertThat(node.read("stock", "stock-late", "sku=late", () -> "v1").status()).isEqualTo(CacheStatus.BYPASS);
            sentinels.forEach(RedisServer::launch);
            RedisServer.await(node.backend::available, Duration.ofSeconds(20), "the node to reach the master through the sentinels");
            node.read("stock", "stock-late", "sku=late", () -> "v1");
            assertThat(node.read("stock", "stock-late", "sku=late", () -> "v1").status()).isEqualTo(CacheStatus.HIT);
        }
    }

    @Test
    void theMasterIsKilledMidLoadAndNothingStaleIsServed() throws Exception {
        Map<String, String> config = AppNode.through("sentinel", sentinels);
        config.put("mizan.cache.redis.sentinel.master", MASTER_NAME);
        AtomicInteger db = new AtomicInteger(1);
        /** the newest version whose purge has returned: no later read may serve anything older */
        AtomicInteger purged = new AtomicInteger(1);
        List<String> stale = new CopyOnWriteArrayList<>();
        Map<CacheStatus, Integer> seen = new EnumMap<>(CacheStatus.class);
        try (AppNode node = new AppNode(config)) {
            RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to subscribe");
            long killAt = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            boolean killed = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int hitsAfterFailover = 0;
            int i = 0;
            while (hitsAfterFailover < 50) {
                assertThat(System.nanoTime()).as("the cache to serve hits again after the failover").isLessThan(deadline);
                if (!killed && System.nanoTime() > killAt) {
                    master.kill();
                    killed = true;
                }
                if (i++ % 20 == 0) {
                    int v = db.incrementAndGet();
                    node.cache.purge(CounterNames.context("stock"));
                    purged.set(v);
                }
                int floor = purged.get();
                Served served = node.read("stock", "k" + (i % 5), "sku=" + (i % 5), () -> Integer.toString(db.get()));
                int version = Integer.parseInt(AppNode.body(served));
                if (version < floor) {
                    stale.add("read " + i + ": served v" + version + " (" + served.status() + ") after the purge of v" + floor);
                }
                seen.merge(served.status(), 1, Integer::sum);
                if (killed && served.status() == CacheStatus.HIT && !sentinels.get(0)
                        .send("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).contains(Integer.toString(master.port))) {
                    hitsAfterFailover++;
                }
                Thread.sleep(2);
            }
            assertThat(sentinels.get(0).send("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME))
                    .contains(Integer.toString(replica.port));
        }
        assertThat(stale).isEmpty();
        assertThat(seen).as("statuses seen").containsKeys(CacheStatus.HIT, CacheStatus.BYPASS);
    }
}
