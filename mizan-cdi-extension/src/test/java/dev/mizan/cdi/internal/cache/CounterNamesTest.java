package dev.mizan.cdi.internal.cache;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CounterNamesTest {

    @Test
    void publicEntryIsStampedWithEpochContextAndGroups() {
        assertThat(CounterNames.forEntry("products", Optional.empty(), List.of("d1", "d2")))
                .containsExactly("epoch", "c:{products}", "g:{products}:d1", "g:{products}:d2");
    }

    @Test
    void userEntryAddsTheUserAcrossContextsAndWithinTheContext() {
        assertThat(CounterNames.forEntry("cart", Optional.of("t0k"), List.of("g")))
                .containsExactly("epoch", "c:{cart}", "u:t0k", "cu:{cart}:t0k", "g:{cart}:g");
    }

    @Test
    void singleNamesMatchTheOnesInStamps() {
        assertThat(CounterNames.EPOCH).isEqualTo("epoch");
        assertThat(CounterNames.context("a")).isEqualTo("c:{a}");
        assertThat(CounterNames.user("u1")).isEqualTo("u:u1");
        assertThat(CounterNames.contextUser("a", "u1")).isEqualTo("cu:{a}:u1");
        assertThat(CounterNames.group("a", "x")).isEqualTo("g:{a}:x");
    }
}
