package dev.mizan.cdi.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 8785's reference test data (src/test/resources/rfc8785, see its README): each input, read by
 * JSON-P, is written byte for byte as the reference output.
 */
class CanonicalJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"arrays.json", "french.json", "structures.json", "unicode.json", "values.json", "weird.json"})
    void writesTheReferenceOutput(String file) throws IOException {
        JsonValue input;
        try (var reader = Json.createReader(new StringReader(new String(read("input/" + file), StandardCharsets.UTF_8)))) {
            input = reader.readValue();
        }

        assertThat(CanonicalJson.of(input).getBytes(StandardCharsets.UTF_8)).as(file).isEqualTo(read("output/" + file));
    }

    @Test
    void refusesALoneSurrogate() {
        assertThatThrownBy(() -> CanonicalJson.of(Json.createValue("a\ud800b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D800");
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = CanonicalJsonTest.class.getResourceAsStream("/rfc8785/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
