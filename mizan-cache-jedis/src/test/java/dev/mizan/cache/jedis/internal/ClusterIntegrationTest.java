package dev.mizan.cache.jedis.internal;

import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.engine.CacheStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge and isolation scenarios on a three-master Redis Cluster started here
 * ({@code --cluster-enabled yes}, {@code redis-cli --cluster create}), plus the slot layout: a
 * context's counters share one slot, its entries spread over the masters.
 */
class ClusterIntegrationTest extends PurgeScenarios {

    static final List<RedisServer> MASTERS = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        for (int i = 0; i < 3; i++) {
            MASTERS.add(RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "2000"));
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        MASTERS.forEach(m -> create.add("127.0.0.1:" + m.port));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String out = RedisServer.run(create);
        assertThat(out).as(out).contains("All 16384 slots covered");
        for (RedisServer m : MASTERS) {
            RedisServer.await(() -> m.cli("CLUSTER", "INFO").contains("cluster_state:ok"), Duration.ofSeconds(20),
                    "cluster_state:ok on " + m.port);
        }
    }

    static final List<RedisServer> REPLICAS = new ArrayList<>();

    @AfterAll
    static void stopCluster() {
        REPLICAS.forEach(RedisServer::close);
        MASTERS.forEach(RedisServer::close);
    }

    /**
     * A master is replaced by its replica (CLUSTER FAILOVER). Replication being asynchronous, the new
     * master might lack purges: the node must notice the new slot owner, bypass, and move the epoch
     * before it serves again, so an entry cached before the failover is a miss after it.
     */
    @Test
    void aFailoverMovesTheEpochBeforeTheNodeServesAgain() {
        RedisServer first = MASTERS.get(0);
        String masterId = first.cli("CLUSTER", "MYID");
        RedisServer replica = RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000");
        REPLICAS.add(replica);
        String out = RedisServer.run(List.of("redis-cli", "--cluster", "add-node", "127.0.0.1:" + replica.port,
                "127.0.0.1:" + first.port, "--cluster-slave", "--cluster-master-id", masterId));
        assertThat(out).as(out).contains("[OK] New node added correctly");
        RedisServer.await(() -> replica.cli("INFO", "replication").contains("master_link_status:up"),
                Duration.ofSeconds(20), "the replica to sync");
        stock(node, "failover");
        assertThat(stock(node, "failover").status()).isEqualTo(CacheStatus.HIT);
        int resyncsBefore = node.resyncs.size();

        assertThat(replica.cli("CLUSTER", "FAILOVER")).isEqualTo("OK");
        RedisServer.await(() -> replica.cli("ROLE").startsWith("master"), Duration.ofSeconds(20), "the replica to take over");
        RedisServer.await(() -> node.resyncs.size() > resyncsBefore && node.backend.available(), Duration.ofSeconds(20),
                "the node to notice the new master, move the epoch and serve again");
        assertThat(stock(node, "failover").status()).isEqualTo(CacheStatus.MISS);
        RedisServer.await(() -> stock(node, "failover").status() == CacheStatus.HIT, Duration.ofSeconds(10), "service to resume");
    }

    @Override
    Map<String, String> config() {
        Map<String, String> config = AppNode.through("cluster", MASTERS);
        // generous for a loaded 2-core CI machine; the layout, not the latency, is under test here
        config.put("mizan.cache.redis.timeout", "PT1S");
        return config;
    }

    @Test
    void aContextsCountersShareOneSlotWhileItsEntriesSpread() {
        String prefix = "mizan:";
        Set<Integer> counterSlots = new HashSet<>();
        for (String counter : List.of(CounterNames.context("stock"), CounterNames.group("stock", "sku=a"),
                CounterNames.group("stock", "sku=b"), CounterNames.contextUser("stock", "alice"))) {
            counterSlots.add(JedisClusterCRC16.getSlot(prefix + counter));
        }
        assertThat(counterSlots).hasSize(1);
        Set<String> owners = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            stock(node, "spread" + i);
            String entry = prefix + "e:" + key("stock-spread" + i);
            for (RedisServer m : MASTERS) {
                if (m.cli("EXISTS", entry).equals("1")) {
                    owners.add(Integer.toString(m.port));
                }
            }
        }
        assertThat(owners).as("masters holding entries").hasSize(3);
    }
}
