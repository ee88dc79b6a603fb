package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.spi.FailingApi;
import dev.mizan.cdi.weld.spi.HighMapper;
import dev.mizan.cdi.weld.spi.LowMapper;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Several beans of one SPI (docs/reference/spi.md): ordered by {@code @Priority}, highest first; the
 * first that answers wins. The beans are added low first, so registration order cannot explain the result.
 */
class SpiOrderTest {

    @Test
    void theHighestPriorityMapperThatAnswersWins() {
        try (SeContainer cdi = WeldBed.start(FailingApi.class, LowMapper.class, HighMapper.class)) {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            // both answer: the higher priority (200) wins
            assertThatThrownBy(() -> engine.call("fail", JsonValue.EMPTY_JSON_OBJECT, TestCallers.ANONYMOUS))
                    .isInstanceOfSatisfying(MizanException.class, e -> {
                        assertThat(e.code()).isEqualTo("high");
                        assertThat(e.status()).isEqualTo(409);
                    });
            // the high one declines: the next one answers
            assertThatThrownBy(() -> engine.call("failOnlyLow", JsonValue.EMPTY_JSON_OBJECT, TestCallers.ANONYMOUS))
                    .isInstanceOfSatisfying(MizanException.class, e -> {
                        assertThat(e.code()).isEqualTo("low");
                        assertThat(e.status()).isEqualTo(418);
                    });
        }
    }
}
