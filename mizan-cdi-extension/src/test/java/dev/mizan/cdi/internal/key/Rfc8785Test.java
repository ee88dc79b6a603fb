package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.json.JsonTrees;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8785's reference test data (src/test/resources/rfc8785, see its README for the source and
 * licence) through the path params take: read as the wire reader reads them (numbers kept as their
 * literals), written by {@link ParamCanonicalizer#canonicalValue}. Every file whose data holds no
 * object member set to null (which params drop, and RFC 8785 keeps) canonicalises byte for byte.
 */
class Rfc8785Test {

    @ParameterizedTest
    @ValueSource(strings = {"french.json", "structures.json", "unicode.json", "values.json", "weird.json"})
    void canonicalisesTheReferenceData(String file) throws IOException {
        JsonValue input = JsonTrees.parse(new String(read("input/" + file), StandardCharsets.UTF_8), 64);
        assertThat(input).as(file).isNotNull();

        byte[] actual = new ParamCanonicalizer().canonicalValue("p", input).getBytes(StandardCharsets.UTF_8);

        assertThat(actual).as(file).isEqualTo(read("output/" + file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"input", "output"})
    void everyReferenceFileIsCovered(String folder) throws IOException {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(
                java.nio.file.Path.of("src/test/resources/rfc8785", folder))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("arrays.json", "french.json", "structures.json", "unicode.json",
                            "values.json", "weird.json");
        }
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = Rfc8785Test.class.getResourceAsStream("/rfc8785/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
