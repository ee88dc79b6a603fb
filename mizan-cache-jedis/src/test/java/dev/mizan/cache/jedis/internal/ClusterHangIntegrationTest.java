package dev.mizan.cache.jedis.internal;

import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.cache.Served;
import dev.mizan.cdi.internal.engine.CacheStatus;
import dev.mizan.spi.CacheBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hung master (SIGSTOP) in a two-master Redis Cluster owns the slot of the entry read, while the other
 * one holds the epoch and the context's counters and carries the purge subscription and the topology
 * watch. Jedis's cluster pipeline swallows the hung master's read timeout and leaves its replies unset:
 * that must open the circuit like any connection failure (docs/how-to/redis.md, "Redis slow or hung").
 */
class ClusterHangIntegrationTest {

    static final String PREFIX = "mizan:";

    List<RedisServer> masters;
    RedisServer healthy;
    RedisServer hung;
    AppNode node;
    String entryKey;

    @BeforeEach
    void start() {
        int epoch = JedisClusterCRC16.getSlot(PREFIX + "epoch");
        int counters = JedisClusterCRC16.getSlot(PREFIX + CounterNames.context("stock"));
        // master 1 owns a quarter of the slots, neither the epoch's nor the counters'
        int quarter = IntStream.range(0, 4).filter(q -> epoch / 4096 != q && counters / 4096 != q).findFirst().orElseThrow();
        // longer than the test: no master flags the hung one failing, so only the circuit can make the node bypass
        masters = RedisServer.cluster(2, Duration.ofMinutes(2), slot -> slot / 4096 == quarter ? 1 : 0);
        healthy = masters.get(0);
        hung = masters.get(1);
        entryKey = IntStream.range(0, 10_000).mapToObj(i -> "hung-" + i)
                .filter(k -> JedisClusterCRC16.getSlot(PREFIX + "e:" + k) / 4096 == quarter).findFirst().orElseThrow();
        // only the healthy master is named: the subscription goes there, the hung one is discovered
        Map<String, String> config = AppNode.through("cluster", List.of(healthy));
        config.put("mizan.cache.redis.timeout", "PT0.2S");
        node = new AppNode(config);
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to subscribe");
    }

    @AfterEach
    void stop() {
        node.close();
        masters.forEach(RedisServer::close);
    }

    Served read() {
        return node.read("stock", entryKey, "sku=1", () -> "v1");
    }

    @Test
    void aHungMasterOpensTheCircuitOnEachPooledConnection() throws Exception {
        read();
        assertThat(read().status()).isEqualTo(CacheStatus.HIT);
        warmConnections(4);
        hung.freeze();
        try {
            // each round takes a warm pooled connection to the hung master (or, once they are spent, a new one)
            for (int round = 0; round < 4; round++) {
                RedisServer.await(node.backend::available, Duration.ofSeconds(5), "the circuit to close again");
                long start = System.nanoTime();
                Served served = read();
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(served.status()).as("round %d", round).isEqualTo(CacheStatus.BYPASS);
                assertThat(node.backend.available()).as("round %d: the circuit is open", round).isFalse();
                // 200 ms for the read, and 200 ms more for the replacement connection commons-pool2 2.13 opens
                // at once when the broken one is invalidated; with room for a loaded machine
                assertThat(millis).as("round %d took", round).isLessThan(1_000);
                assertThat(read().status()).as("round %d: the next read bypasses at once", round).isEqualTo(CacheStatus.BYPASS);
            }
        } finally {
            hung.thaw();
        }
        RedisServer.await(() -> read().status() == CacheStatus.HIT, Duration.ofSeconds(10), "service to resume");
    }

    @Test
    void aStoreToAHungMasterOpensTheCircuit() {
        read();
        hung.freeze();
        try {
            // a single command (not a pipeline) to the hung master: Jedis retries it, then gives up with its
            // own cluster exception rather than the connection failure, which must open the circuit all the same
            assertThat(node.backend.available()).isTrue();
            long start = System.nanoTime();
            assertThatThrownBy(() -> node.backend.store(entryKey,
                    new CacheBackend.Entry(new long[] {1}, "v2".getBytes(), "\"e\""), Duration.ofMinutes(1)))
                    .isInstanceOf(RuntimeException.class);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(node.backend.available()).as("the circuit is open after %d ms", millis).isFalse();
            assertThat(read().status()).isEqualTo(CacheStatus.BYPASS);
        } finally {
            hung.thaw();
        }
        RedisServer.await(() -> read().status() == CacheStatus.HIT, Duration.ofSeconds(10), "service to resume");
    }

    /** Reads on {@code n} threads at once, so the pool holds several connections to the entry's master. */
    private void warmConnections(int n) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> readers = IntStream.range(0, n).mapToObj(i -> CompletableFuture.runAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int j = 0; j < 50; j++) {
                read();
            }
        }, runnable -> new Thread(runnable).start())).toList();
        go.countDown();
        CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get();
    }
}
