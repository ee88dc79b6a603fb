package dev.mizan.cache.jedis.internal;

import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.cache.Served;
import dev.mizan.cdi.internal.engine.CacheStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mizan.cache.jedis.internal.AppNode.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every purge kind, user isolation, the purge racing a fill and two nodes sharing one Redis, against a
 * real Redis deployment given by the subclass (standalone, Cluster). Each test uses keys of its own.
 */
abstract class PurgeScenarios {

    AppNode node;
    /** The "database": every compute returns its current version. */
    final AtomicInteger version = new AtomicInteger(1);
    final String run = UUID.randomUUID().toString().substring(0, 8);

    /** @return settings of a node of the deployment under test */
    abstract Map<String, String> config();

    @BeforeEach
    void startNode() {
        node = new AppNode(config());
        RedisServer.await(node.backend::available, Duration.ofSeconds(10), "the node to subscribe");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    String key(String name) {
        return run + "-" + name;
    }

    String v() {
        return "v" + version.get();
    }

    Served stock(AppNode n, String sku) {
        return n.read("stock", key("stock-" + sku), "sku=" + sku, this::v);
    }

    Served cart(AppNode n, String user) {
        return n.read("cart", key("cart-" + user), Optional.of(user), "all", this::v);
    }

    Served orders(AppNode n, String user) {
        return n.read("orders", key("orders-" + user), Optional.of(user), "all", this::v);
    }

    @Test
    void missThenHit() {
        assertThat(stock(node, "a").status()).isEqualTo(CacheStatus.MISS);
        Served hit = stock(node, "a");
        assertThat(hit.status()).isEqualTo(CacheStatus.HIT);
        assertThat(body(hit)).isEqualTo("v1");
    }

    @Test
    void contextPurgeMakesEveryEntryOfTheContextMiss() {
        stock(node, "a");
        stock(node, "b");
        version.set(2);
        node.cache.purge(CounterNames.context("stock"));
        Served a = stock(node, "a");
        Served b = stock(node, "b");
        assertThat(a.status()).isEqualTo(CacheStatus.MISS);
        assertThat(b.status()).isEqualTo(CacheStatus.MISS);
        assertThat(body(a)).isEqualTo("v2");
        assertThat(body(b)).isEqualTo("v2");
    }

    @Test
    void paramValuePurgeMakesOnlyThatValueMiss() {
        stock(node, "a");
        stock(node, "b");
        node.cache.purge(CounterNames.group("stock", "sku=a"));
        assertThat(stock(node, "a").status()).isEqualTo(CacheStatus.MISS);
        assertThat(stock(node, "b").status()).isEqualTo(CacheStatus.HIT);
    }

    @Test
    void contextUserPurgeMakesOnlyThatUsersEntriesOfTheContextMiss() {
        cart(node, "alice");
        cart(node, "bob");
        orders(node, "alice");
        node.cache.purge(CounterNames.contextUser("cart", "alice"));
        assertThat(cart(node, "alice").status()).isEqualTo(CacheStatus.MISS);
        assertThat(cart(node, "bob").status()).isEqualTo(CacheStatus.HIT);
        assertThat(orders(node, "alice").status()).isEqualTo(CacheStatus.HIT);
    }

    @Test
    void userPurgeMakesThatUsersEntriesMissInEveryContext() {
        cart(node, "alice");
        orders(node, "alice");
        cart(node, "bob");
        orders(node, "bob");
        node.cache.purge(CounterNames.user("alice"));
        assertThat(cart(node, "alice").status()).isEqualTo(CacheStatus.MISS);
        assertThat(orders(node, "alice").status()).isEqualTo(CacheStatus.MISS);
        assertThat(cart(node, "bob").status()).isEqualTo(CacheStatus.HIT);
        assertThat(orders(node, "bob").status()).isEqualTo(CacheStatus.HIT);
    }

    @Test
    void usersAreIsolated() {
        version.set(10);
        assertThat(body(cart(node, "alice"))).isEqualTo("v10");
        version.set(11);
        Served bob = cart(node, "bob");
        assertThat(bob.status()).isEqualTo(CacheStatus.MISS);
        assertThat(body(bob)).isEqualTo("v11");
        assertThat(body(cart(node, "alice"))).isEqualTo("v10");
    }

    @Test
    void epochPurgeMakesEverythingMiss() {
        stock(node, "a");
        cart(node, "alice");
        node.cache.purge(CounterNames.EPOCH);
        assertThat(stock(node, "a").status()).isEqualTo(CacheStatus.MISS);
        assertThat(cart(node, "alice").status()).isEqualTo(CacheStatus.MISS);
    }

    /**
     * The fill reads the counters, then blocks inside compute; the purge runs and returns; the fill then
     * stores its (old) result. Nothing old may be readable once the purge has returned: neither from the
     * stored entry nor by joining the old fill. Latches order the steps, no sleeps.
     */
    @Test
    void purgeRacingASlowFillLeavesNothingStaleReadable() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Served> slow = CompletableFuture.supplyAsync(() ->
                node.read("stock", key("stock-race"), "sku=race", () -> {
                    String old = v();
                    computing.countDown();
                    await(release);
                    return old;
                }));
        assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();
        version.set(2);
        node.cache.purge(CounterNames.context("stock"));
        // a reader that starts after the purge must not join the old fill
        CompletableFuture<Served> after = CompletableFuture.supplyAsync(() -> stock(node, "race"));
        Served fresh = after.get(10, TimeUnit.SECONDS);
        release.countDown();
        assertThat(body(slow.get(10, TimeUnit.SECONDS))).isEqualTo("v1");
        assertThat(body(fresh)).isEqualTo("v2");
        Served later = stock(node, "race");
        assertThat(body(later)).isEqualTo("v2");
    }

    @Test
    void aPurgeOnOneNodeMakesTheOtherNodeMissAndReachesItsListeners() {
        try (AppNode other = new AppNode(config())) {
            RedisServer.await(other.backend::available, Duration.ofSeconds(10), "the second node to subscribe");
            stock(node, "shared");
            assertThat(stock(other, "shared").status()).as("entries are shared").isEqualTo(CacheStatus.HIT);
            version.set(2);
            node.cache.purge(CounterNames.group("stock", "sku=shared"));
            Served there = stock(other, "shared");
            assertThat(there.status()).isEqualTo(CacheStatus.MISS);
            assertThat(body(there)).isEqualTo("v2");
            String counter = CounterNames.group("stock", "sku=shared");
            RedisServer.await(() -> other.heard.contains(counter) && node.heard.contains(counter),
                    Duration.ofSeconds(5), "both nodes to hear of the purge");
        }
    }

    @Test
    void aPurgesEventReachesEveryNodeWithThePurge() {
        try (AppNode other = new AppNode(config())) {
            RedisServer.await(other.backend::available, Duration.ofSeconds(10), "the second node to subscribe");
            String counter = CounterNames.group("stock", "sku=" + run);
            String event = "{\"id\":\"" + run + "\",\"context\":\"stock\"}";
            node.cache.purge(counter, event);
            node.cache.purge(counter);
            RedisServer.await(() -> other.events.contains(counter + " " + event) && node.events.contains(counter + " " + event)
                            && other.events.contains(counter + " null"),
                    Duration.ofSeconds(5), "both nodes to hear the purge with its event, then one without");
            assertThat(other.heard).contains(counter);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
