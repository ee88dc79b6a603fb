package dev.mizan.cdi.weld;

import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.valid.TypedShelf;
import dev.mizan.cdi.weld.valid.ValidatorProducer;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/reference/annotations.md, "Session beans": a bean whose types leave its class out is called through
 * the interface that declares the method, its arguments checked against that interface's constraints, and
 * its {@code @Invalidates} still purges.
 */
class TypedThroughInterfaceTest {

    private static SeContainer cdi;
    private static MizanEngine engine;

    @BeforeAll
    static void start() {
        cdi = WeldBed.start(TypedShelf.class, ValidatorProducer.class);
        engine = cdi.select(MizanEngine.class).get();
    }

    @AfterAll
    static void stop() {
        cdi.close();
    }

    private static String items(String shelf) {
        return new String(engine.read("typedShelf", Map.of("shelf", List.of(shelf)), ANONYMOUS).body(), StandardCharsets.UTF_8);
    }

    @Test
    void readCalledAndPurgedThroughTheInterface() {
        assertThat(items("a")).isEqualTo("[]");
        assertThat(items("b")).isEqualTo("[]");
        assertThat(WeldBed.call(cdi, "put", Json.createObjectBuilder().add("shelf", "a").add("item", "jar").build()).json())
                .isEqualTo("1");
        assertThat(items("a")).as("the purged entry, read again").isEqualTo("[\"jar\"]");
    }

    @Test
    void theInterfacesConstraintsAreChecked() {
        assertThatThrownBy(() -> items(" "))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("invalid_params"));
    }
}
