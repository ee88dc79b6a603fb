package dev.mizan.cdi.weld;

import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.valid.SlotsApi;
import jakarta.enterprise.inject.se.SeContainer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A param sent as text for a type other than {@code String} must be the text Mizan's JSON-B writes for
 * its value, the text invalidations and events name it by (docs/reference/protocol.md).
 */
class CanonicalTextParamsTest {

    private static final String ID = "123e4567-e89b-12d3-a456-426614174000";

    @Test
    void onlyTheCanonicalTextIsTaken() {
        try (SeContainer cdi = WeldBed.start(SlotsApi.class)) {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            assertThat(new String(engine.read("slots", Map.of("at", List.of("2024-01-01T00:00:00Z"), "id", List.of(ID)), ANONYMOUS)
                    .body(), StandardCharsets.UTF_8)).isEqualTo("\"2024-01-01T00:00:00Z " + ID + "\"");
            assertThatThrownBy(() -> engine.read("slots", Map.of("at", List.of("2024-01-01T00:00:00.000Z"), "id", List.of(ID.toUpperCase())),
                    ANONYMOUS)).isInstanceOfSatisfying(MizanException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid_params");
                        assertThat(e.fields()).containsEntry("at", List.of("is not in its canonical form: send 2024-01-01T00:00:00Z"));
                        assertThat(e.fields()).containsEntry("id", List.of("is not in its canonical form: send " + ID));
                    });
        }
    }
}
