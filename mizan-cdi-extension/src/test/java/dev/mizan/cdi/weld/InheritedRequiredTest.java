package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.tools.SchemaGenerator;
import dev.mizan.cdi.weld.valid.DeclaredGreetings;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A param is required in the schema when an interface's method it implements marks it non-null: Bean
 * Validation refuses null there, so the generated client type must not let it be left out.
 */
class InheritedRequiredTest {

    private final JsonObject schema = SchemaGenerator.schema(List.of(DeclaredGreetings.class), Duration.ofMinutes(1));

    @Test
    void aNotNullOnTheInterfacesParameterMakesTheParamRequired() {
        assertThat(param("contexts", "greetings", "language").getBoolean("required")).isTrue();
    }

    @Test
    void soDoesOneOnAGenericInterfacesParameter() {
        assertThat(param("functions", "keep", "item").getBoolean("required")).isTrue();
    }

    @Test
    void aParamNothingMarksStaysOptional() {
        assertThat(param("functions", "loose", "item").getBoolean("required")).isFalse();
    }

    private JsonObject param(String kind, String operation, String name) {
        JsonObject op = schema.getJsonArray(kind).getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("name").equals(operation)).findFirst().orElseThrow();
        return op.getJsonArray("params").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").equals(name)).findFirst().orElseThrow();
    }
}
