package dev.mizan.cdi.weld;

import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.valid.OptionalApi;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Optional}, {@code OptionalInt} and {@code OptionalLong} params (docs/reference/annotations.md, "Names and types"). */
class OptionalParamsTest {

    private static SeContainer cdi;
    private static MizanEngine engine;

    @BeforeAll
    static void start() {
        cdi = WeldBed.start(OptionalApi.class);
        engine = cdi.select(MizanEngine.class).get();
    }

    @AfterAll
    static void stop() {
        cdi.close();
    }

    private static String search(Map<String, List<String>> query) {
        return new String(engine.read("search", query, ANONYMOUS).body(), StandardCharsets.UTF_8);
    }

    @Test
    void leftOutTheyAreEmptyNeverNull() {
        assertThat(search(Map.of())).isEqualTo("\"everything page 1 after 0\"");
        RequestContextController rc = cdi.select(RequestContextController.class).get();
        rc.activate();
        try {
            assertThat(engine.call("note", JsonObject.EMPTY_JSON_OBJECT, ANONYMOUS).json()).isEqualTo("\"nothing to note\"");
        } finally {
            rc.deactivate();
        }
    }

    @Test
    void givenTheyHoldTheValue() {
        assertThat(search(Map.of("q", List.of("milk"), "page", List.of("3"), "after", List.of("9007199254740993"))))
                .isEqualTo("\"milk page 3 after 9007199254740993\"");
    }

    @Test
    void anOptionalIntTakesOnlyAnIntegerInItsRange() {
        for (String n : new String[] {"3000000000", "1.5"}) {
            assertThatThrownBy(() -> search(Map.of("page", List.of(n))))
                    .as(n).isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("invalid_params"));
        }
        assertThatThrownBy(() -> search(Map.of("after", List.of("9223372036854775808"))))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("invalid_params"));
    }
}
