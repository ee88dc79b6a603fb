package dev.mizan.cdi.weld;

import static dev.mizan.cdi.weld.TestCallers.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.valid.TodoApi;
import jakarta.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A name the registry does not hold: the 404 suggests the nearest name only where the names are
 * public anyway ({@code /schema} served: {@code mizan.dev} or {@code mizan.schema.enabled}), so that
 * in production an anonymous caller cannot list the operations by guessing.
 */
class UnknownNamesTest {

    @Test
    void inProductionThe404NamesNoOtherOperation() {
        WeldBed.with(Map.of("mizan.schema.enabled", "false"), cdi -> {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            assertThat(unknownContext(engine)).isEqualTo("There is no context named 'todo'");
            assertThat(unknownFunction(engine)).isEqualTo("There is no function named 'ad'");
        }, TodoApi.class);
    }

    @Test
    void whereTheSchemaIsServedThe404SuggestsTheNearestName() {
        WeldBed.with(Map.of("mizan.schema.enabled", "true"), cdi -> {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            assertThat(unknownContext(engine)).isEqualTo("There is no context named 'todo'; did you mean 'todos'?");
            assertThat(unknownFunction(engine)).isEqualTo("There is no function named 'ad'; did you mean 'add'?");
        }, TodoApi.class);
    }

    private static String unknownContext(MizanEngine engine) {
        MizanException e = catchThrowableOfType(MizanException.class, () -> engine.read("todo", Map.of(), ANONYMOUS));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("unknown_context");
        return e.getMessage();
    }

    private static String unknownFunction(MizanEngine engine) {
        MizanException e = catchThrowableOfType(MizanException.class,
                () -> engine.call("ad", Json.createObjectBuilder().build(), ANONYMOUS));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("unknown_function");
        return e.getMessage();
    }
}
