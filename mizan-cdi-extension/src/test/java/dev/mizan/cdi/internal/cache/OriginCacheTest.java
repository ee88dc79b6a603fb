package dev.mizan.cdi.internal.cache;

import dev.mizan.cdi.internal.engine.CacheStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.mizan.cdi.internal.engine.CacheStatus.BYPASS;
import static dev.mizan.cdi.internal.engine.CacheStatus.HIT;
import static dev.mizan.cdi.internal.engine.CacheStatus.MISS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class OriginCacheTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final List<String> PRODUCTS = CounterNames.forEntry("products", Optional.empty(), List.of());

    private final FakeTicker ticker = new FakeTicker();
    private final MemoryCacheBackend backend = new MemoryCacheBackend(1000, 10_000, ticker);
    private final OriginCache cache = new OriginCache(backend);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void secondReadIsAHitWithTheSameBodyAndEtag() {
        Counting compute = new Counting("v");

        Served first = cache.read("k", PRODUCTS, TTL, compute);
        Served second = cache.read("k", PRODUCTS, TTL, compute);

        assertThat(first.status()).isEqualTo(MISS);
        assertThat(second.status()).isEqualTo(HIT);
        assertThat(text(second)).isEqualTo("v1");
        assertThat(second.etag()).isEqualTo(first.etag()).isEqualTo(Etags.strong(bytes("v1")));
        assertThat(compute.calls()).isEqualTo(1);
    }

    @Test
    void purgingAContextMissesItsEntriesOnly() {
        List<String> orders = CounterNames.forEntry("orders", Optional.empty(), List.of());
        cache.read("p", PRODUCTS, TTL, new Counting("p"));
        cache.read("o", orders, TTL, new Counting("o"));

        cache.purge(CounterNames.context("products"));

        assertThat(cache.read("p", PRODUCTS, TTL, new Counting("p")).status()).isEqualTo(MISS);
        assertThat(cache.read("o", orders, TTL, new Counting("o")).status()).isEqualTo(HIT);
    }

    @Test
    void purgingAGroupMissesOnlyEntriesStampedWithIt() {
        List<String> shoes = CounterNames.forEntry("products", Optional.empty(), List.of("shoes"));
        List<String> hats = CounterNames.forEntry("products", Optional.empty(), List.of("hats"));
        cache.read("shoes", shoes, TTL, new Counting("s"));
        cache.read("hats", hats, TTL, new Counting("h"));

        cache.purge(CounterNames.group("products", "shoes"));

        assertThat(cache.read("shoes", shoes, TTL, new Counting("s")).status()).isEqualTo(MISS);
        assertThat(cache.read("hats", hats, TTL, new Counting("h")).status()).isEqualTo(HIT);
    }

    @Test
    void purgingAUserMissesOnlyThatUsersEntries() {
        List<String> aliceCart = CounterNames.forEntry("cart", Optional.of("alice"), List.of());
        List<String> bobCart = CounterNames.forEntry("cart", Optional.of("bob"), List.of());
        List<String> bobOrders = CounterNames.forEntry("orders", Optional.of("bob"), List.of());
        cache.read("ac", aliceCart, TTL, new Counting("ac"));
        cache.read("bc", bobCart, TTL, new Counting("bc"));
        cache.read("bo", bobOrders, TTL, new Counting("bo"));

        cache.purge(CounterNames.user("alice"));

        assertThat(cache.read("ac", aliceCart, TTL, new Counting("ac")).status()).isEqualTo(MISS);
        assertThat(cache.read("bc", bobCart, TTL, new Counting("bc")).status()).isEqualTo(HIT);

        cache.purge(CounterNames.contextUser("cart", "bob"));

        assertThat(cache.read("bc", bobCart, TTL, new Counting("bc")).status()).isEqualTo(MISS);
        assertThat(cache.read("bo", bobOrders, TTL, new Counting("bo")).status()).isEqualTo(HIT);
        assertThat(cache.read("ac", aliceCart, TTL, new Counting("ac")).status()).isEqualTo(HIT);
    }

    @Test
    void bumpingTheEpochMissesEverything() {
        List<String> cart = CounterNames.forEntry("cart", Optional.of("alice"), List.of("g"));
        cache.read("p", PRODUCTS, TTL, new Counting("p"));
        cache.read("c", cart, TTL, new Counting("c"));

        cache.purge(CounterNames.EPOCH);

        assertThat(cache.read("p", PRODUCTS, TTL, new Counting("p")).status()).isEqualTo(MISS);
        assertThat(cache.read("c", cart, TTL, new Counting("c")).status()).isEqualTo(MISS);
    }

    @Test
    void lostCountersMakeAMissNotAStaleHit() {
        cache.read("k", PRODUCTS, TTL, new Counting("old"));

        backend.dropCounters();
        Served served = cache.read("k", PRODUCTS, TTL, new Counting("new"));

        assertThat(served.status()).isEqualTo(MISS);
        assertThat(text(served)).isEqualTo("new1");
        assertThat(cache.read("k", PRODUCTS, TTL, new Counting("unused")).status()).isEqualTo(HIT);
    }

    @Test
    void recreatedCountersDoNotReviveAPurgedEntry() {
        cache.read("a", PRODUCTS, TTL, new Counting("old"));
        cache.purge(CounterNames.context("products"));
        backend.dropCounters();
        // another fill re-creates the lost counters; with a fixed start they would match "a"'s stamp again
        cache.read("b", PRODUCTS, TTL, new Counting("b"));

        Served served = cache.read("a", PRODUCTS, TTL, new Counting("new"));

        assertThat(served.status()).isEqualTo(MISS);
        assertThat(text(served)).isEqualTo("new1");
    }

    @Test
    void aPurgeDuringTheComputeLeavesNoReadableEntry() {
        // the purge lands after the filler read the counters and before it stores
        Supplier<byte[]> racing = () -> {
            cache.purge(CounterNames.context("products"));
            return bytes("before-purge");
        };
        cache.read("k", PRODUCTS, TTL, racing);

        Served next = cache.read("k", PRODUCTS, TTL, () -> bytes("after-purge"));

        assertThat(next.status()).isEqualTo(MISS);
        assertThat(text(next)).isEqualTo("after-purge");
    }

    @Test
    void concurrentMissesOfOneKeyComputeOnce() throws Exception {
        int readers = 6;
        CountDownLatch release = new CountDownLatch(1);
        Counting compute = new Counting("v", release);
        List<Future<Served>> results = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            results.add(threads.submit(() -> cache.read("k", PRODUCTS, TTL, compute)));
        }

        awaitParked(readers);
        release.countDown();

        for (Future<Served> result : results) {
            Served served = result.get(10, TimeUnit.SECONDS);
            assertThat(text(served)).isEqualTo("v1");
            assertThat(served.status()).isEqualTo(MISS);
        }
        assertThat(compute.calls()).isEqualTo(1);
    }

    @Test
    void differentKeysComputeIndependently() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Served> held = threads.submit(() -> cache.read("a", PRODUCTS, TTL, new Counting("a", release)));
        awaitParked(1);

        Future<Served> other = threads.submit(() -> cache.read("b", PRODUCTS, TTL, new Counting("b")));

        assertThat(text(other.get(10, TimeUnit.SECONDS))).isEqualTo("b1");
        assertThat(held).isNotDone();
        release.countDown();
        assertThat(text(held.get(10, TimeUnit.SECONDS))).isEqualTo("a1");
    }

    @Test
    void aReaderThatSawAPurgeDoesNotJoinAFillStampedBeforeIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Served> early = threads.submit(() -> cache.read("k", PRODUCTS, TTL, new Counting("early", release)));
        awaitParked(1);

        cache.purge(CounterNames.context("products"));
        Future<Served> late = threads.submit(() -> cache.read("k", PRODUCTS, TTL, new Counting("late")));

        assertThat(text(late.get(10, TimeUnit.SECONDS))).isEqualTo("late1");
        release.countDown();
        assertThat(text(early.get(10, TimeUnit.SECONDS))).isEqualTo("early1");
        Served after = cache.read("k", PRODUCTS, TTL, new Counting("unused"));
        assertThat(after.status()).isEqualTo(HIT);
        assertThat(text(after)).isEqualTo("late1");
    }

    /**
     * A purge moved a counter and the counter was then evicted (a counter limit, Redis eviction, its TTL): a
     * reader that finds it absent cannot tell whether a fill in progress was stamped before that purge, so it
     * joins the fill only if the counters, read again, still equal the fill's stamp.
     */
    @Test
    void aReaderThatFindsACounterGoneDoesNotJoinAFillStampedBeforeItsPurge() throws Exception {
        PlainBackend plain = new PlainBackend();
        OriginCache forgetful = new OriginCache(plain);
        CountDownLatch release = new CountDownLatch(1);
        Future<Served> early = threads.submit(() -> forgetful.read("k", PRODUCTS, TTL, new Counting("early", release)));
        awaitParked(1);

        String counter = CounterNames.context("products");
        forgetful.purge(counter);
        plain.counters.remove(counter);
        Future<Served> late = threads.submit(() -> forgetful.read("k", PRODUCTS, TTL, new Counting("late")));

        assertThat(text(late.get(10, TimeUnit.SECONDS))).isEqualTo("late1");
        release.countDown();
        assertThat(text(early.get(10, TimeUnit.SECONDS))).isEqualTo("early1");
    }

    @Test
    void onAColdStartReadersStillJoinTheOneFill() throws Exception {
        PlainBackend plain = new PlainBackend();
        OriginCache cold = new OriginCache(plain);
        CountDownLatch release = new CountDownLatch(1);
        Counting compute = new Counting("v", release);
        Future<Served> first = threads.submit(() -> cold.read("k", PRODUCTS, TTL, compute));
        awaitParked(1);
        plain.lookups.set(0);
        Future<Served> second = threads.submit(() -> cold.read("k", PRODUCTS, TTL, compute));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (plain.lookups.get() == 0) { // the second reader has looked up (and found no counters)
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
        Thread.sleep(100);
        release.countDown();
        assertThat(text(first.get(10, TimeUnit.SECONDS))).isEqualTo("v1");
        assertThat(text(second.get(10, TimeUnit.SECONDS))).isEqualTo("v1");
        assertThat(compute.calls()).isEqualTo(1);
    }

    @Test
    void aFailingComputeReachesEveryWaiterAndIsNotCached() throws Exception {
        int readers = 4;
        CountDownLatch release = new CountDownLatch(1);
        IllegalArgumentException failure = new IllegalArgumentException("no such product");
        AtomicInteger calls = new AtomicInteger();
        Supplier<byte[]> failing = () -> {
            calls.incrementAndGet();
            awaitQuietly(release);
            throw failure;
        };
        List<Future<Served>> results = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            results.add(threads.submit(() -> cache.read("k", PRODUCTS, TTL, failing)));
        }

        awaitParked(readers);
        release.countDown();

        for (Future<Served> result : results) {
            Throwable thrown = catchThrowable(() -> result.get(10, TimeUnit.SECONDS));
            assertThat(thrown).cause().isSameAs(failure);
        }
        assertThat(calls).hasValue(1);
        assertThat(cache.read("k", PRODUCTS, TTL, new Counting("ok")).status()).isEqualTo(MISS);
    }

    @Test
    void computeExceptionsPropagateUnchanged() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> cache.read("k", PRODUCTS, TTL, () -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void entriesExpireAfterTheirTtl() {
        cache.read("k", PRODUCTS, Duration.ofSeconds(10), new Counting("v"));

        ticker.advance(Duration.ofSeconds(9));
        assertThat(cache.read("k", PRODUCTS, Duration.ofSeconds(10), new Counting("v")).status()).isEqualTo(HIT);

        ticker.advance(Duration.ofSeconds(2));
        assertThat(cache.read("k", PRODUCTS, Duration.ofSeconds(10), new Counting("v")).status()).isEqualTo(MISS);
    }

    @Test
    void bypassComputesWithoutStoring() {
        Served bypassed = cache.bypass(() -> bytes("b"));

        assertThat(bypassed.status()).isEqualTo(BYPASS);
        assertThat(bypassed.etag()).isEqualTo(Etags.strong(bytes("b")));
        assertThat(cache.read("k", PRODUCTS, TTL, new Counting("v")).status()).isEqualTo(MISS);
    }

    @Test
    void aComputeThatReadsItsOwnKeyBypassesInsteadOfWaitingForItself() {
        // preemptive: waiting on its own fill would block forever
        Served outer = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> cache.read("k", PRODUCTS, TTL, () -> {
            Served inner = cache.read("k", PRODUCTS, TTL, () -> bytes("inner"));
            assertThat(inner.status()).isEqualTo(BYPASS);
            return inner.body();
        }));

        assertThat(text(outer)).isEqualTo("inner");
    }

    @Test
    void aBackendOutageBypassesAndALostPurgeBumpsTheEpochOnceItIsBack() {
        dev.mizan.cdi.weld.outage.CuttableBackend flaky = new dev.mizan.cdi.weld.outage.CuttableBackend();
        try (OriginCache onFlaky = new OriginCache(flaky)) {
            onFlaky.read("k", PRODUCTS, TTL, new Counting("old"));
            flaky.cut(true);

            assertThat(onFlaky.read("k", PRODUCTS, TTL, new Counting("down")).status()).isEqualTo(BYPASS);
            onFlaky.purge(CounterNames.context("products"));
            assertThat(onFlaky.degraded()).isTrue();

            flaky.cut(false);
            Served back = onFlaky.read("k", PRODUCTS, TTL, new Counting("back"));

            assertThat(back.status()).isEqualTo(MISS);
            assertThat(text(back)).isEqualTo("back1");
            assertThat(onFlaky.degraded()).isFalse();
            assertThat(onFlaky.read("k", PRODUCTS, TTL, new Counting("unused")).status()).isEqualTo(HIT);
        }
    }

    /** Reads that arrive while one of them bumps the epoch for lost purges bypass; they do not bump it again. */
    @Test
    void oneRepairBumpsTheEpochWhileConcurrentReadsBypass() throws Exception {
        dev.mizan.cdi.weld.outage.CuttableBackend flaky = new dev.mizan.cdi.weld.outage.CuttableBackend();
        try (OriginCache onFlaky = new OriginCache(flaky)) {
            AtomicInteger resyncs = new AtomicInteger();
            onFlaky.addPurgeListener(new dev.mizan.spi.CacheBackend.PurgeListener() {
                @Override
                public void purged(String counter) {
                }

                @Override
                public void purged(String counter, String event) {
                    if (OriginCache.RESYNC_EVENT.equals(event)) {
                        resyncs.incrementAndGet();
                    }
                }
            });
            flaky.cut(true);
            onFlaky.purge(CounterNames.context("products"));
            flaky.cut(false);
            CountDownLatch bumping = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            flaky.beforeIncrement(() -> {
                bumping.countDown();
                try {
                    release.await(2, TimeUnit.SECONDS); // bounded: code that bumps once per read must not hang the test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Future<Served> first = threads.submit(() -> onFlaky.read("k", PRODUCTS, TTL, new Counting("first")));
            assertThat(bumping.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(onFlaky.read("k", PRODUCTS, TTL, new Counting("meanwhile")).status()).isEqualTo(BYPASS);
            }
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(MISS);
            assertThat(resyncs.get()).isEqualTo(1);
            assertThat(onFlaky.degraded()).isFalse();
        }
    }

    /** Waits until {@code count} pool threads are parked (in the compute's latch or waiting on a fill). */
    private void awaitParked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (parkedPoolThreads() < count) {
            assertThat(System.nanoTime()).as("threads parked in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static long parkedPoolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("pool-"))
                .filter(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                .filter(t -> java.util.Arrays.stream(t.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(OriginCache.class.getName())))
                .count();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Served served) {
        return new String(served.body(), StandardCharsets.UTF_8);
    }

    /**
     * A third-party backend that keeps the SPI's defaults for events (docs/reference/spi.md): it drops them,
     * so the origin cache tells this node's listeners itself; a backend that carries them is not doubled.
     */
    @Test
    void aBackendThatKeepsTheEventDefaultsStillLetsThisNodeHearItsPurges() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.mizan.spi.CacheBackend.PurgeListener listener = new dev.mizan.spi.CacheBackend.PurgeListener() {
            @Override
            public void purged(String counter) {
                heard.add(counter);
            }

            @Override
            public void purged(String counter, String event) {
                heard.add(counter + " " + event);
            }
        };
        OriginCache plain = new OriginCache(new PlainBackend());
        plain.addPurgeListener(listener);
        assertThat(plain.purge("c:products", "{\"context\":\"products\"}")).isTrue();
        assertThat(heard).containsExactly("c:products {\"context\":\"products\"}");

        heard.clear();
        cache.addPurgeListener(listener); // the memory backend carries events itself
        assertThat(cache.purge("c:products", "e")).isTrue();
        assertThat(heard).containsExactly("c:products e");
    }

    /** Only the SPI's abstract methods, over maps. */
    private static final class PlainBackend implements dev.mizan.spi.CacheBackend {
        private final java.util.Map<String, Entry> entries = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<String, Long> counters = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Lookup lookup(String entryKey, List<String> names) {
            lookups.incrementAndGet();
            return new Lookup(entries.get(entryKey), names.stream().map(counters::get).toArray(Long[]::new));
        }

        @Override
        public long[] counters(List<String> names) {
            return names.stream().mapToLong(n -> counters.computeIfAbsent(n, k -> new java.util.Random().nextLong())).toArray();
        }

        @Override
        public void store(String entryKey, Entry entry, Duration ttl) {
            entries.put(entryKey, entry);
        }

        @Override
        public void increment(String counter) {
            counters.merge(counter, 1L, Long::sum);
        }

        @Override
        public void close() {
        }
    }

    /** Returns prefix + call number, optionally after a latch opens, and counts its calls. */
    private static final class Counting implements Supplier<byte[]> {
        private final String prefix;
        private final CountDownLatch release;
        private final AtomicInteger calls = new AtomicInteger();

        Counting(String prefix) {
            this(prefix, new CountDownLatch(0));
        }

        Counting(String prefix, CountDownLatch release) {
            this.prefix = prefix;
            this.release = release;
        }

        @Override
        public byte[] get() {
            int call = calls.incrementAndGet();
            awaitQuietly(release);
            return bytes(prefix + call);
        }

        int calls() {
            return calls.get();
        }
    }
}
