package dev.mizan.ssr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mizan.MizanException;
import dev.mizan.Page;
import dev.mizan.ssr.internal.PageRenderer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON error body {@link PageWriter} answers: the shape of Mizan's errors elsewhere (docs/reference/errors.md). */
class PageWriterTest {

    @Test
    void aRefusedPrefetchCarriesItsFieldsSortedByName() {
        MizanException e = new MizanException(400, "invalid_params", "Invalid parameters",
                Map.of("title", List.of("must not be blank", "size must be 1-80"), "list", List.of("must be positive")));
        assertThat(PageWriter.errorBody(e)).isEqualTo("{\"error\":{\"code\":\"invalid_params\",\"message\":\"Invalid parameters\","
                + "\"fields\":{\"list\":[\"must be positive\"],\"title\":[\"must not be blank\",\"size must be 1-80\"]}}}");
    }

    @Test
    void anErrorWithoutFieldsHasNoFieldsMember() {
        assertThat(PageWriter.errorBody(new MizanException(403, "forbidden", "Forbidden")))
                .isEqualTo("{\"error\":{\"code\":\"forbidden\",\"message\":\"Forbidden\"}}");
    }

    @Test
    void anInternalFailureOfTheCoreCarriesItsId() {
        // the core's InternalFailure (mizan-cdi-extension, which this module does not depend on) has this shape
        MizanException e = new CoreFailure("00ff00ff00ff00ff");
        JsonObject error = parse(PageWriter.errorBody(e)).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("internal");
        assertThat(error.getString("id")).isEqualTo("00ff00ff00ff00ff");
        assertThat(error.getString("message")).isEqualTo("Internal error; reference 00ff00ff00ff00ff");
    }

    @Test
    void propsThatCannotBeWrittenAnswer500InternalWithTheIdTheirStackIsLoggedUnder() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            // the props are written before the contexts or the pool are used
            PageRenderer renderer = new PageRenderer(null, null, jsonb, true);
            MizanException e = catchThrowableOfType(MizanException.class,
                    () -> renderer.render(Page.of("home").props(Map.of("ratio", Double.NaN)), "/"));
            JsonObject error = parse(PageWriter.errorBody(e)).getJsonObject("error");
            assertThat(e.status()).isEqualTo(500);
            assertThat(error.getString("code")).isEqualTo("internal");
            assertThat(error.getString("id")).matches("[0-9a-f]{16}");
            assertThat(error.getString("message")).isEqualTo("Internal error; reference " + error.getString("id"));
            assertThat(error.keySet()).containsExactly("code", "message", "id");
        }
    }

    @Test
    void anApplicationErrorCarriesTheReferenceItsIdNames() {
        MizanException e = new OutOfStock("stock-4711");
        assertThat(PageWriter.errorBody(e))
                .isEqualTo("{\"error\":{\"code\":\"out_of_stock\",\"message\":\"Out of stock\",\"id\":\"stock-4711\"}}");
    }

    @Test
    void aNullMessageIsLeftOutAndANullCodeFollowsTheStatus() {
        assertThat(PageWriter.errorBody(new MizanException(409, null, null)))
                .isEqualTo("{\"error\":{\"code\":\"http_409\"}}");
        assertThat(PageWriter.errorBody(new MizanException(502, null, null)))
                .isEqualTo("{\"error\":{\"code\":\"internal\"}}");
    }

    @Test
    void nullFieldsAndNullFieldMessagesAreLeftOut() {
        MizanException nullFields = new MizanException(400, "invalid_params", "Invalid parameters") {
            @Override
            public Map<String, List<String>> fields() {
                return null;
            }
        };
        assertThat(PageWriter.errorBody(nullFields))
                .isEqualTo("{\"error\":{\"code\":\"invalid_params\",\"message\":\"Invalid parameters\"}}");
        MizanException nullMessage = new MizanException(400, "invalid_params", "Invalid parameters",
                Map.of("title", Arrays.asList("must not be blank", null)));
        assertThat(PageWriter.errorBody(nullMessage)).isEqualTo("{\"error\":{\"code\":\"invalid_params\","
                + "\"message\":\"Invalid parameters\",\"fields\":{\"title\":[\"must not be blank\"]}}}");
    }

    @Test
    void everyBodyIsJsonEvenWithQuotesAndControlCharacters() {
        MizanException e = new MizanException(400, "bad\"code", "line\nbreak \"quoted\" \\ \u0001",
                Map.of("a\"b", List.of("x\ty")));
        JsonObject error = parse(PageWriter.errorBody(e)).getJsonObject("error");
        assertThat(error.getString("message")).isEqualTo("line\nbreak \"quoted\" \\ \u0001");
        assertThat(error.getJsonObject("fields").getJsonArray("a\"b").getString(0)).isEqualTo("x\ty");
    }

    private static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    /** The shape of the core's {@code InternalFailure}. */
    public static final class CoreFailure extends MizanException {
        private final String id;

        CoreFailure(String id) {
            super(500, "internal", "Internal error; reference " + id);
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** An application's error, logged under a reference of its own. */
    public static final class OutOfStock extends MizanException {
        private final String reference;

        OutOfStock(String reference) {
            super(409, "out_of_stock", "Out of stock");
            this.reference = reference;
        }

        @Override
        public String id() {
            return reference;
        }
    }
}
