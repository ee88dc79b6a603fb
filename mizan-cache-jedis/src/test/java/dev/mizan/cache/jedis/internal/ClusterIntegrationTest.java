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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static dev.mizan.cache.jedis.internal.AppNode.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge and isolation scenarios on a three-master Redis Cluster started here
 * ({@code --cluster-enabled yes}, slots assigned and nodes met by commands), plus the slot layout: a
 * context's counters share one slot, its entries spread over the masters.
 */
class ClusterIntegrationTest extends PurgeScenarios {

    static final List<RedisServer> MASTERS = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        // a third of the slots each
        MASTERS.addAll(RedisServer.cluster(3, Duration.ofSeconds(2), slot -> slot * 3 / SLOTS));
    }

    static final int SLOTS = RedisServer.SLOTS;

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
        String masterId = first.send("CLUSTER", "MYID");
        RedisServer replica = RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000");
        REPLICAS.add(replica);
        // what redis-cli --cluster add-node --cluster-slave does: meet, learn the master, replicate it
        assertThat(replica.send("CLUSTER", "MEET", "127.0.0.1", Integer.toString(first.port))).isEqualTo("OK");
        RedisServer.await(() -> replica.send("CLUSTER", "NODES").contains(masterId), Duration.ofSeconds(20),
                "the new node to learn its master");
        assertThat(replica.send("CLUSTER", "REPLICATE", masterId)).isEqualTo("OK");
        // as redis-cli waits for the cluster to agree: the failover's election needs the votes of masters
        // that know the replica as first's (first too, to take part in a manual failover)
        for (RedisServer m : MASTERS) {
            RedisServer.await(() -> m.send("CLUSTER", "NODES").lines().anyMatch(
                            line -> line.contains(":" + replica.port + "@") && line.contains(" slave " + masterId + " ")),
                    Duration.ofSeconds(20), "master " + m.port + " to know the replica");
        }
        RedisServer.await(() -> replica.send("INFO", "replication").contains("master_link_status:up"),
                Duration.ofSeconds(20), "the replica to sync");
        stock(node, "failover");
        assertThat(stock(node, "failover").status()).isEqualTo(CacheStatus.HIT);
        int resyncsBefore = node.resyncs.size();

        assertThat(replica.send("CLUSTER", "FAILOVER")).isEqualTo("OK");
        RedisServer.await(() -> replica.send("ROLE").startsWith("master"), Duration.ofSeconds(20), "the replica to take over");
        RedisServer.await(() -> node.resyncs.size() > resyncsBefore && node.backend.available(), Duration.ofSeconds(20),
                "the node to notice the new master, move the epoch and serve again");
        assertThat(stock(node, "failover").status()).isEqualTo(CacheStatus.MISS);
        RedisServer.await(() -> stock(node, "failover").status() == CacheStatus.HIT, Duration.ofSeconds(10), "service to resume");
    }

    /**
     * Every node is down while the master of the context's counters restarts from a snapshot older than a
     * purge: the next deployment must not serve the entry that purge made stale.
     */
    @Test
    void aNewDeploymentServesNothingPurgedBeforeAMasterCameBackFromAnOlderSnapshot() {
        stock(node, "snapshot");
        assertThat(stock(node, "snapshot").status()).isEqualTo(CacheStatus.HIT);
        List<RedisServer> all = new ArrayList<>(MASTERS);
        all.addAll(REPLICAS);
        int slot = JedisClusterCRC16.getSlot("mizan:" + CounterNames.context("stock"));
        RedisServer owner = all.stream().filter(m -> m.send("CLUSTER", "NODES").lines()
                .anyMatch(l -> l.contains("myself,master") && owns(l, slot))).findFirst().orElseThrow();
        all.forEach(m -> assertThat(m.send("SAVE")).isEqualTo("OK"));
        version.set(2);
        assertThat(node.cache.purge(CounterNames.context("stock"))).isTrue();
        node.close();
        owner.kill();
        owner.launch();
        for (RedisServer m : all) {
            RedisServer.await(() -> m.send("CLUSTER", "INFO").contains("cluster_state:ok"), Duration.ofSeconds(20),
                    "cluster_state:ok on " + m.port);
        }
        node = new AppNode(config());
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the new deployment to subscribe");
        assertThat(stock(node, "snapshot").status()).isNotEqualTo(CacheStatus.HIT);
        assertThat(body(stock(node, "snapshot"))).isEqualTo("v2");
    }

    /**
     * {@code cluster-replica-no-failover yes} (often in a shared redis.conf) makes Redis flag every node
     * {@code nofailover}, masters included: that is no failing master, and the node must serve.
     */
    @Test
    void aMasterFlaggedNofailoverIsNotFailing() {
        List<RedisServer> all = new ArrayList<>(MASTERS);
        all.addAll(REPLICAS);
        try {
            for (RedisServer m : all) {
                assertThat(m.send("CONFIG", "SET", "cluster-replica-no-failover", "yes")).isEqualTo("OK");
            }
            for (RedisServer m : all) {
                assertThat(m.send("CLUSTER", "NODES").lines().filter(l -> l.contains("myself")).findFirst().orElseThrow())
                        .contains("nofailover");
            }
            try (AppNode other = new AppNode(config())) {
                RedisServer.await(other.backend::available, Duration.ofSeconds(10), "the node to subscribe");
                stock(other, "nofailover");
                assertThat(stock(other, "nofailover").status()).isEqualTo(CacheStatus.HIT);
            }
        } finally {
            all.forEach(m -> m.send("CONFIG", "SET", "cluster-replica-no-failover", "no"));
        }
    }

    /** A redeploy against a cluster whose masters stayed up keeps the cache warm. */
    @Test
    void aNewDeploymentOnTheSameClusterKeepsTheCacheWarm() {
        stock(node, "warm");
        assertThat(stock(node, "warm").status()).isEqualTo(CacheStatus.HIT);
        node.close();
        node = new AppNode(config());
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the new deployment to subscribe");
        assertThat(stock(node, "warm").status()).isEqualTo(CacheStatus.HIT);
        // no resync: the epoch did not move (unless the first subscription needed a second try, which tells one)
        assertThat(node.losses.isEmpty() ? node.resyncs : java.util.List.of()).isEmpty();
    }

    @Override
    Map<String, String> config() {
        Map<String, String> config = AppNode.through("cluster", MASTERS);
        // generous for a loaded 2-core CI machine; the layout, not the latency, is under test here
        config.put("mizan.cache.redis.timeout", "PT1S");
        return config;
    }

    /**
     * A resharding moves a slot between masters that stay the same: the node's pipelines get MOVED, which
     * Jedis's pipelines do not follow. The purge must still be recorded (no lost purge, so no epoch move and no
     * resync), and reads must hit again.
     */
    @Test
    void aSlotMovedBetweenMastersIsFollowed() {
        String counter = "mizan:" + CounterNames.context("stock");
        int slot = JedisClusterCRC16.getSlot(counter);
        stock(node, "resharded");
        assertThat(stock(node, "resharded").status()).isEqualTo(CacheStatus.HIT);
        int resyncsBefore = node.resyncs.size();
        RedisServer from = owner(slot);
        RedisServer to = MASTERS.stream().filter(m -> m != from).findFirst().orElseThrow();
        moveSlot(slot, from, to);

        assertThat(node.cache.purge(CounterNames.context("stock"))).as("the purge is recorded").isTrue();
        assertThat(stock(node, "resharded").status()).isEqualTo(CacheStatus.MISS);
        assertThat(stock(node, "resharded").status()).isEqualTo(CacheStatus.HIT);
        assertThat(node.resyncs).hasSize(resyncsBefore);
    }

    /**
     * A purge and reads while the context's slot is being resharded, its counter already on the importing
     * master: the migrating one answers {@code ASK} for it, which Jedis's pipelines do not follow either. The
     * purge must still be recorded (not counted lost, which would move the epoch and flush every entry), and
     * the reads must find the counter where it now is.
     */
    @Test
    void aSlotBeingMigratedIsFollowedThroughAsk() {
        String counter = "mizan:" + CounterNames.context("stock");
        int slot = JedisClusterCRC16.getSlot(counter);
        stock(node, "migrating");
        assertThat(stock(node, "migrating").status()).isEqualTo(CacheStatus.HIT);
        int resyncsBefore = node.resyncs.size();
        RedisServer from = owner(slot);
        RedisServer to = MASTERS.stream().filter(m -> m != from).findFirst().orElseThrow();
        startMigration(slot, from, to);
        try {
            assertThat(from.send("EXISTS", counter)).as("the counter has moved").startsWith("ASK ");
            assertThat(node.cache.purge(CounterNames.context("stock"))).as("the purge is recorded").isTrue();
            assertThat(stock(node, "migrating").status()).isEqualTo(CacheStatus.MISS);
            assertThat(stock(node, "migrating").status()).isEqualTo(CacheStatus.HIT);
            assertThat(node.resyncs).hasSize(resyncsBefore);
        } finally {
            finishMigration(slot, from, to);
        }
        assertThat(stock(node, "migrating").status()).isEqualTo(CacheStatus.HIT);
    }

    private static RedisServer owner(int slot) {
        return MASTERS.stream().filter(m -> m.send("CLUSTER", "NODES").lines()
                .anyMatch(l -> l.contains("myself") && owns(l, slot))).findFirst().orElseThrow();
    }

    private static boolean owns(String nodesLine, int slot) {
        String[] f = nodesLine.trim().split(" ");
        for (int i = 8; i < f.length; i++) {
            String[] range = f[i].split("-");
            if (!f[i].startsWith("[") && Integer.parseInt(range[0]) <= slot && slot <= Integer.parseInt(range[range.length - 1])) {
                return true;
            }
        }
        return false;
    }

    /** What redis-cli --cluster reshard does for one slot, by commands. */
    private static void moveSlot(int slot, RedisServer from, RedisServer to) {
        startMigration(slot, from, to);
        finishMigration(slot, from, to);
    }

    /** The slot marked importing and migrating, and its keys moved: {@code from} answers {@code ASK} for them. */
    private static void startMigration(int slot, RedisServer from, RedisServer to) {
        String s = Integer.toString(slot);
        String fromId = from.send("CLUSTER", "MYID");
        String toId = to.send("CLUSTER", "MYID");
        assertThat(to.send("CLUSTER", "SETSLOT", s, "IMPORTING", fromId)).isEqualTo("OK");
        assertThat(from.send("CLUSTER", "SETSLOT", s, "MIGRATING", toId)).isEqualTo("OK");
        for (String key : from.send("CLUSTER", "GETKEYSINSLOT", s, "1000").lines().filter(k -> !k.isEmpty()).toList()) {
            assertThat(from.send("MIGRATE", "127.0.0.1", Integer.toString(to.port), key, "0", "5000")).isEqualTo("OK");
        }
    }

    /** Keys written to {@code from} meanwhile moved too, then the slot given to {@code to} everywhere. */
    private static void finishMigration(int slot, RedisServer from, RedisServer to) {
        String s = Integer.toString(slot);
        String toId = to.send("CLUSTER", "MYID");
        for (String key : from.send("CLUSTER", "GETKEYSINSLOT", s, "1000").lines().filter(k -> !k.isEmpty()).toList()) {
            assertThat(from.send("MIGRATE", "127.0.0.1", Integer.toString(to.port), key, "0", "5000")).isEqualTo("OK");
        }
        for (RedisServer m : List.of(to, from)) {
            assertThat(m.send("CLUSTER", "SETSLOT", s, "NODE", toId)).isEqualTo("OK");
        }
        for (RedisServer m : MASTERS) {
            if (m != to && m != from) {
                m.send("CLUSTER", "SETSLOT", s, "NODE", toId);
            }
            RedisServer.await(() -> m.send("CLUSTER", "NODES").lines().anyMatch(l -> l.startsWith(toId) && owns(l, slot)),
                    Duration.ofSeconds(20), "master " + m.port + " to know the slot's new owner");
        }
    }

    /** Redis unreachable at start is no error (docs/how-to/redis.md): no cluster node answers, the node bypasses. */
    @Test
    void noClusterNodeAnsweringAtStartDoesNotFailTheNode() throws java.io.IOException {
        int nobody;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        Map<String, String> config = new java.util.HashMap<>(config());
        config.put("mizan.cache.redis.nodes", "127.0.0.1:" + nobody);
        try (AppNode down = new AppNode(config)) {
            assertThat(down.backend.available()).isFalse();
            assertThat(stock(down, "nobody").status()).isEqualTo(CacheStatus.BYPASS);
        }
    }

    /** A lookup's pipeline spans masters (entry, epoch and counters sit in different slots): no thread may be started per read. */
    @Test
    void readsAcrossMastersStartNoThreadPerRead() {
        stock(node, "threads");
        assertThat(stock(node, "threads").status()).isEqualTo(CacheStatus.HIT);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 300; i++) {
            assertThat(stock(node, "threads").status()).isEqualTo(CacheStatus.HIT);
        }
        // the shared workers start at most one per master in use at once; Jedis's own pool started 2-3 per read
        assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(30);
    }

    /**
     * The counters one context's reads wrote, as found in the cluster (not names built here): every one sits in
     * the slot of the context's {@code {name}} hash tag (docs/internals/cache-design.md, docs/how-to/redis.md),
     * while the entries spread over the masters.
     */
    @Test
    void aContextsCountersShareOneSlotWhileItsEntriesSpread() {
        String prefix = "mizan:";
        // a context of this test's own, so every key naming it was written here
        String context = "slotted" + run;
        for (String sku : List.of("a", "b", "c")) {
            node.read(context, key("slot-" + sku), "sku=" + sku, this::v);
        }
        node.read(context, key("slot-alice"), Optional.of("alice"), "all", this::v);
        Map<String, Integer> written = new TreeMap<>();
        for (RedisServer m : MASTERS) {
            // KEYS is fine on these private test servers; each master lists only the keys it holds
            for (String k : m.send("KEYS", prefix + "*" + context + "*").lines().filter(k -> !k.isEmpty()).toList()) {
                written.put(k, Integer.parseInt(m.send("CLUSTER", "KEYSLOT", k)));
            }
        }
        assertThat(written.keySet()).as("the context's counters in the cluster")
                .hasSize(6)
                .filteredOn(k -> k.startsWith(prefix + "c:")).hasSize(1);
        assertThat(written.keySet()).filteredOn(k -> k.startsWith(prefix + "cu:")).hasSize(1);
        // sku=a, sku=b, sku=c, all
        assertThat(written.keySet()).filteredOn(k -> k.startsWith(prefix + "g:")).hasSize(4);
        int tagSlot = Integer.parseInt(MASTERS.get(0).send("CLUSTER", "KEYSLOT", "{" + context + "}"));
        assertThat(new HashSet<>(written.values())).as("slots of " + written.keySet()).containsExactly(tagSlot);

        Set<String> owners = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            stock(node, "spread" + i);
            String entry = prefix + "e:" + key("stock-spread" + i);
            for (RedisServer m : MASTERS) {
                if (m.send("EXISTS", entry).equals("1")) {
                    owners.add(Integer.toString(m.port));
                }
            }
        }
        assertThat(owners).as("masters holding entries").hasSize(3);
    }
}
