package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void scriptUnsafeCharactersBecomeUnicodeEscapesAndTheValueIsUnchanged() {
        String json = "{\"a\":\"</script><!--\u2028\u2029&>\",\"b\":[1,\"\u00e9\ud834\udd1e\"]}";
        String safe = JsonText.forScript(json);
        assertThat(safe).isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003c!--\\u2028\\u2029\\u0026\\u003e\",\"b\":[1,\"\u00e9\ud834\udd1e\"]}");
        assertThat(parse(safe)).isEqualTo(parse(json));
    }

    @Test
    void textWithoutThemIsReturnedAsIs() {
        String json = "{\"a\":\"plain\"}";
        assertThat(JsonText.forScript(json)).isSameAs(json);
    }

    @Test
    void stringLiteralsEscapeQuotesBackslashesAndControls() {
        StringBuilder b = new StringBuilder();
        JsonText.string(b, "a\"b\\c\n\u0001\u2028");
        assertThat(b).hasToString("\"a\\\"b\\\\c\\n\\u0001\u2028\"");
        assertThat(parse(b.toString())).isEqualTo(Json.createValue("a\"b\\c\n\u0001\u2028"));
    }

    private static JsonValue parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readValue();
        }
    }
}
