package dev.mizan.cdi.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.json.MizanJsonb;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The direct codecs (strings, whole numbers, booleans) must give what Mizan's JSON-B gives, in both
 * directions: the expected values come from Yasson itself, never from the codec under test.
 */
class ParamCodecTest {

    private static final Jsonb JSONB = MizanJsonb.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static void agrees(Type type, String... texts) {
        ParamCodec codec = ParamCodec.of(type);
        for (String text : texts) {
            Object expected = JSONB.fromJson(text, type);
            Object bound = codec.bind(json(text), JSONB);
            assertThat(bound).as("bind %s as %s", text, type).isEqualTo(expected);
            JsonValue written = json(JSONB.toJson(expected));
            assertThat(codec.normal(bound, JSONB)).as("normal form of %s", text).isEqualTo(written);
        }
    }

    @Test
    void wholeNumbersBindAndWriteAsJsonbDoes() {
        agrees(long.class, "0", "-1", "9007199254740993", "9223372036854775807", "-9223372036854775808", "3.0", "1e2");
        agrees(Long.class, "42", "-9007199254740993");
        agrees(int.class, "2147483647", "-2147483648", "7");
        agrees(Integer.class, "12");
        agrees(short.class, "-32768");
        agrees(byte.class, "127");
    }

    @Test
    void stringsAndBooleansBindAndWriteAsJsonbDoes() {
        agrees(String.class, "\"\"", "\"caf\u00e9 \ud83d\ude00\"", "\"line\\nbreak\"");
        agrees(boolean.class, "true", "false");
        agrees(Boolean.class, "true");
    }

    @Test
    void otherTypesGoThroughJsonb() {
        agrees(java.math.BigDecimal.class, "\"12.50\"");
        agrees(double.class, "1.5");
        agrees(java.time.LocalDate.class, "\"2026-12-01\"");
        assertThat(ParamCodec.of(List.class).bind(json("[\"a\"]"), JSONB)).isEqualTo(List.of("a"));
    }
}
