package dev.mizan.cdi.weld;

import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.valid.FlagApi;
import jakarta.enterprise.inject.se.SeContainer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A boolean param takes JSON {@code true} or {@code false} only, as the schema says (docs/reference/schema.md). */
class BooleanParamTest {

    @Test
    void onlyTrueAndFalseAreBooleans() {
        try (SeContainer cdi = WeldBed.start(FlagApi.class)) {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            assertThat(new String(engine.read("flag", Map.of("on", List.of("true"), "also", List.of("false")), ANONYMOUS).body(),
                    StandardCharsets.UTF_8)).isEqualTo("\"true false\"");
            for (String value : new String[] {"1", "0", "\"yes\"", "[true]", "\"true\""}) {
                for (String param : new String[] {"on", "also"}) {
                    Map<String, List<String>> query = param.equals("on") ? Map.of("on", List.of(value))
                            : Map.of("on", List.of("true"), "also", List.of(value));
                    assertThatThrownBy(() -> engine.read("flag", query, ANONYMOUS)).as("%s=%s", param, value)
                            .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("invalid_params"));
                }
            }
        }
    }
}
