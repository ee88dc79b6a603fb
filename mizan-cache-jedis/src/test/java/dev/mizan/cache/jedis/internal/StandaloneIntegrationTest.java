package dev.mizan.cache.jedis.internal;

import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.cache.Served;
import dev.mizan.cdi.internal.engine.CacheStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge scenarios on the local Redis (127.0.0.1:6379, {@code -Dmizan.test.redis.port}) when one
 * answers there, else on a redis-server of this test's own, under a key prefix of this run only, plus
 * what a plain Redis client can check from outside: TTLs, counter values and the loss of a counter.
 */
class StandaloneIntegrationTest extends PurgeScenarios {

    static final String PREFIX = "mizan-it-" + UUID.randomUUID() + ":";
    /** The local Redis's port ({@code -Dmizan.test.redis.port}, the pom's default 6379). */
    static final int LOCAL = Integer.getInteger("mizan.test.redis.port", 6379);
    /** Null when the local Redis answers. */
    static final RedisServer OWN = RedisServer.answers(LOCAL) ? null : RedisServer.start();
    static final int PORT = OWN == null ? LOCAL : OWN.port;
    static final RedisClient RAW = RedisClient.create("redis://127.0.0.1:" + PORT);

    @Override
    Map<String, String> config() {
        return AppNode.standalone(PORT, PREFIX);
    }

    @AfterAll
    static void removeThisRunsKeys() {
        // test clean-up only: Mizan itself never scans
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = RAW.scan(cursor, new ScanParams().match(PREFIX + "*").count(1000));
            if (!page.getResult().isEmpty()) {
                RAW.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        RAW.close();
        if (OWN != null) {
            OWN.close();
        }
    }

    /**
     * A node whose purge subscription is down while Redis takes its writes (here an ACL that grants it no
     * pub/sub channel) bypasses its own reads, but still records its purges: the other nodes, which serve
     * from the cache, must not keep serving what a call on this node made stale.
     */
    @Test
    void aNodeWithoutItsSubscriptionStillRecordsItsPurgesForTheOthers() {
        RedisServer own = RedisServer.start();
        try {
            Map<String, String> deafConfig = withoutChannels(own, "deaf");
            try (AppNode other = new AppNode(AppNode.standalone(own.port, PREFIX)); AppNode deaf = new AppNode(deafConfig)) {
                RedisServer.await(other.backend::available, Duration.ofSeconds(10), "the other node to subscribe");
                assertThat(deaf.backend.available()).isFalse();
                stock(other, "deaf");
                assertThat(stock(other, "deaf").status()).isEqualTo(CacheStatus.HIT);

                assertThat(deaf.cache.purge(CounterNames.context("stock"))).as("the purge is recorded").isTrue();
                assertThat(stock(other, "deaf").status()).isEqualTo(CacheStatus.MISS);
            }
        } finally {
            own.close();
        }
    }

    /**
     * A purge Redis records but whose event it does not publish (here an ACL that lets the node write but
     * publish on no channel) reached no node's streams: it counts as a lost purge, so that once the node can
     * publish again the repair's epoch bump tells every node's streams to resync.
     */
    @Test
    void aPurgeWhoseEventIsNotPublishedIsLostUntilAResyncReachesEveryNode() {
        RedisServer own = RedisServer.start();
        try {
            Map<String, String> muteConfig = withoutChannels(own, "mute");
            try (AppNode other = new AppNode(AppNode.standalone(own.port, PREFIX)); AppNode mute = new AppNode(muteConfig)) {
                RedisServer.await(other.backend::available, Duration.ofSeconds(10), "the other node to subscribe");
                // the first node on a fresh Redis moves the epoch (no run_id stored yet), and hears that bump
                // only if its listener was added in time; a purge of its own, heard after it on the same
                // subscription, marks where the events this test counts begin
                String marker = CounterNames.context("marker") + " marker-event";
                assertThat(other.cache.purge(CounterNames.context("marker"), "marker-event")).isTrue();
                RedisServer.await(() -> other.events.contains(marker), Duration.ofSeconds(10), "the other node's own marker purge");
                other.events.clear();
                stock(other, "mute");
                assertThat(stock(other, "mute").status()).isEqualTo(CacheStatus.HIT);

                assertThat(mute.cache.purge(CounterNames.context("stock"), "stock-event"))
                        .as("a purge without its event is lost").isFalse();
                assertThat(mute.cache.degraded()).isTrue();
                assertThat(stock(other, "mute").status()).as("the counter was incremented all the same").isEqualTo(CacheStatus.MISS);
                assertThat(other.events).isEmpty();
                assertThat(mute.cache.repair()).as("the node still cannot publish the resync").isFalse();
                assertThat(other.events).isEmpty();

                own.send("ACL", "SETUSER", "mute", "allchannels");
                assertThat(mute.cache.repair()).isTrue();
                String resync = CounterNames.EPOCH + " " + OriginCache.RESYNC_EVENT;
                RedisServer.await(() -> other.events.contains(resync), Duration.ofSeconds(10), "the other node to hear the resync");
                assertThat(mute.cache.degraded()).isFalse();
            }
        } finally {
            own.close();
        }
    }

    /** Settings for a node that logs in to {@code own} as {@code user}, an ACL user that may write but use no pub/sub channel. */
    private static Map<String, String> withoutChannels(RedisServer own, String user) {
        own.send("ACL", "SETUSER", user, "on", ">" + user + "-pw", "~*", "resetchannels", "&nothing", "+@all");
        Map<String, String> config = AppNode.standalone(own.port, PREFIX);
        config.put("mizan.cache.redis.url", "redis://" + user + ":" + user + "-pw@127.0.0.1:" + own.port);
        return config;
    }

    /** Reads an entry of {@code stock} that lives two seconds. */
    Served readForTwoSeconds(String key) {
        return node.cache.read(key, CounterNames.forEntry("stock", Optional.empty(), List.of()), Duration.ofMillis(2_000),
                () -> v().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyEntryHasItsTtlAndExpires() {
        String key = key("ttl");
        readForTwoSeconds(key);
        long pttl = RAW.pttl(PREFIX + "e:" + key);
        assertThat(pttl).isBetween(1L, 2_000L);
        assertThat(readForTwoSeconds(key).status()).isEqualTo(CacheStatus.HIT);
        RedisServer.await(() -> !RAW.exists(PREFIX + "e:" + key), Duration.ofSeconds(8), "the entry to expire");
        assertThat(readForTwoSeconds(key).status()).isEqualTo(CacheStatus.MISS);
    }

    @Test
    void countersLiveTheirTtlRenewedByUseAndAPurgeIsOneIncrement() {
        stock(node, "n");
        String counter = PREFIX + CounterNames.context("stock");
        String group = PREFIX + CounterNames.group("stock", "sku=n");
        long day = Duration.ofDays(1).toMillis();
        assertThat(RAW.pttl(counter)).as("the default counter-ttl, P1D").isBetween(day - 60_000, day);
        assertThat(RAW.pttl(group)).isBetween(day - 60_000, day);
        long before = Long.parseLong(RAW.get(counter));
        RAW.pexpire(counter, 5_000);
        node.cache.purge(CounterNames.context("stock"));
        assertThat(Long.parseLong(RAW.get(counter))).isEqualTo(before + 1);
        assertThat(RAW.pttl(counter)).as("a purge renews the TTL").isGreaterThan(day - 60_000);
        RAW.pexpire(group, 5_000);
        stock(node, "n"); // a miss after the purge: the fill renews every counter it stamps
        assertThat(RAW.pttl(group)).as("a fill renews the TTL").isGreaterThan(day - 60_000);
    }

    @Test
    void aShortCounterTtlBoundsEntriesAndCountersOfUnusedValuesGo() {
        // a prefix of its own: its short-lived epoch and context counter must not touch the other tests' keys
        String prefix = PREFIX + "short:";
        Map<String, String> config = AppNode.standalone(PORT, prefix);
        config.put("mizan.cache.redis.counter-ttl", "PT1.5S");
        try (AppNode shortLived = new AppNode(config)) {
            String key = key("short");
            Served first = shortLived.cache.read(key, CounterNames.forEntry("stock", Optional.empty(), List.of("sku=once")),
                    Duration.ofHours(1), () -> v().getBytes(StandardCharsets.UTF_8));
            assertThat(first.status()).isEqualTo(CacheStatus.MISS);
            String group = prefix + CounterNames.group("stock", "sku=once");
            assertThat(RAW.pttl(prefix + "e:" + key)).as("an entry never outlives its counters").isBetween(1L, 1_500L);
            assertThat(RAW.pttl(group)).isBetween(1L, 1_500L);
            RedisServer.await(() -> !RAW.exists(group) && !RAW.exists(prefix + "e:" + key), Duration.ofSeconds(8),
                    "the counter of a value nobody reads any more, and its entry, to go");
        }
    }

    @Test
    void aNewCounterStartsAtARandomValue() {
        String context = "fresh" + run;
        node.read(context, key("fresh"), "g", this::v);
        long a = Long.parseLong(RAW.get(PREFIX + CounterNames.context(context)));
        String other = "other" + run;
        node.read(other, key("other"), "g", this::v);
        long b = Long.parseLong(RAW.get(PREFIX + CounterNames.context(other)));
        // two fresh counters at the same small value would mean they start at 0 or 1
        assertThat(a).isNotEqualTo(b);
        assertThat(Math.abs(a)).isGreaterThan(1L << 20);
    }

    @Test
    void aLostCounterIsAMissNeverAStaleHit() {
        stock(node, "lost");
        assertThat(stock(node, "lost").status()).isEqualTo(CacheStatus.HIT);
        // as eviction or a lost write would: the counter is gone, the entry is still there
        RAW.del(PREFIX + CounterNames.group("stock", "sku=lost"));
        version.set(2);
        assertThat(stock(node, "lost").status()).isEqualTo(CacheStatus.MISS);
        assertThat(AppNode.body(stock(node, "lost"))).isEqualTo("v2");
    }

    @Test
    void aPurgeOfAnAbsentCounterNeverStartsItAtOne() {
        String counter = CounterNames.context("never" + run);
        node.cache.purge(counter);
        long value = Long.parseLong(RAW.get(PREFIX + counter));
        assertThat(Math.abs(value)).isGreaterThan(1L << 20);
    }
}
