package dev.mizan.cdi.internal.cache;

import dev.mizan.spi.CacheBackend.Entry;
import dev.mizan.spi.CacheBackend.Lookup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryCacheBackendTest {

    private final FakeTicker ticker = new FakeTicker();
    private final MemoryCacheBackend backend = new MemoryCacheBackend(100, 1000, ticker);

    @Test
    void absentEntryAndCountersLookUpAsNull() {
        Lookup lookup = backend.lookup("k", List.of("a", "b"));

        assertThat(lookup.entry()).isNull();
        assertThat(lookup.counters()).containsExactly(null, null);
    }

    @Test
    void warmUpAtConstructionLeavesNothingBehind() {
        Lookup lookup = backend.lookup("", List.of(""));

        assertThat(lookup.entry()).isNull();
        assertThat(lookup.counters()).containsExactly((Long) null);
        assertThat(backend.entryCount()).isZero();
    }

    @Test
    void countersAreCreatedOnceAndIncrementByOne() {
        long[] first = backend.counters(List.of("a", "b"));
        assertThat(backend.counters(List.of("a", "b"))).containsExactly(first);

        backend.increment("a");

        assertThat(backend.lookup("k", List.of("a", "b")).counters()).containsExactly(first[0] + 1, first[1]);
    }

    @Test
    void incrementOfAnAbsentCounterCreatesIt() {
        backend.increment("fresh");

        assertThat(backend.lookup("k", List.of("fresh")).counters()[0]).isNotNull();
    }

    @Test
    void countersStartAtRandomValues() {
        long[] here = backend.counters(List.of("a", "b", "c"));
        long[] elsewhere = new MemoryCacheBackend(10).counters(List.of("a", "b", "c"));

        // 2^-64 odds per pair of a false failure; a constant start (such as zero) fails every time
        assertThat(here[0]).isNotEqualTo(here[1]).isNotEqualTo(here[2]).isNotEqualTo(elsewhere[0]);
    }

    @Test
    void storedEntryIsReturnedUntilItsOwnTtlEnds() {
        Entry shortLived = new Entry(new long[] {1}, new byte[] {1}, "\"s\"");
        Entry longLived = new Entry(new long[] {2}, new byte[] {2}, "\"l\"");
        backend.store("short", shortLived, Duration.ofSeconds(10));
        backend.store("long", longLived, Duration.ofMinutes(10));

        ticker.advance(Duration.ofSeconds(9));
        assertThat(backend.lookup("short", List.of()).entry()).isSameAs(shortLived);

        ticker.advance(Duration.ofSeconds(2));
        assertThat(backend.lookup("short", List.of()).entry()).isNull();
        assertThat(backend.lookup("long", List.of()).entry()).isSameAs(longLived);
    }

    @Test
    void countersDoNotExpireWithTime() {
        long value = backend.counters(List.of("a"))[0];

        ticker.advance(Duration.ofDays(365));

        assertThat(backend.lookup("k", List.of("a")).counters()).containsExactly(value);
    }

    @Test
    void entriesStayWithinMaxEntries() {
        for (int i = 0; i < 1000; i++) {
            backend.store("k" + i, new Entry(new long[0], new byte[0], "\"e\""), Duration.ofMinutes(1));
        }

        assertThat(backend.entryCount()).isLessThanOrEqualTo(100);
    }

    @Test
    void counterStoreIsFourTimesTheEntriesButAtLeastTenThousand() {
        assertThat(MemoryCacheBackend.counterBound(10)).isEqualTo(10_000);
        assertThat(MemoryCacheBackend.counterBound(100_000)).isEqualTo(400_000);
        assertThat(MemoryCacheBackend.counterBound(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
