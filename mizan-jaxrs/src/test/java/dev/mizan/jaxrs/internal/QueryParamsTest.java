package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Against vectors/query-params.json: what Python's {@code parse_qsl} makes of each query (query-params.py). */
class QueryParamsTest {

    static Stream<Arguments> vectors() throws Exception {
        try (InputStream in = QueryParamsTest.class.getResourceAsStream("/vectors/query-params.json");
             JsonReader reader = Json.createReader(in)) {
            List<Arguments> out = new ArrayList<>();
            for (JsonObject v : reader.readObject().getJsonArray("vectors").getValuesAs(JsonObject.class)) {
                Map<String, List<String>> params = new LinkedHashMap<>();
                v.getJsonObject("params").forEach((name, values) -> params.put(name,
                        ((JsonArray) values).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
                out.add(Arguments.of(v.getString("query"), params));
            }
            return out.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesAsParseQsl(String query, Map<String, List<String>> expected) {
        assertThat(QueryParams.parse(query)).containsExactlyEntriesOf(expected);
    }

    @Test
    void noQueryIsNoParams() {
        assertThat(QueryParams.parse(null)).isEmpty();
        assertThat(QueryParams.parse("")).isEmpty();
    }

    @Test
    void malformedEscapeIsABadRequest() {
        assertThatThrownBy(() -> QueryParams.parse("q=%zz"))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.getMessage()).contains("percent-encoded"));
    }
}
