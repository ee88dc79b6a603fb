package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8785's reference test data (src/test/resources/rfc8785, see its README for the source and
 * licence): every input canonicalises byte for byte to its output through the same path as
 * {@link ParamCanonicalizer}.
 */
class Rfc8785Test {

    @ParameterizedTest
    @ValueSource(strings = {"arrays.json", "french.json", "structures.json", "unicode.json", "values.json", "weird.json"})
    void canonicalisesTheReferenceData(String file) throws IOException {
        String input = new String(read("input/" + file), StandardCharsets.UTF_8);
        byte[] expected = read("output/" + file);

        byte[] actual = Jcs.canonicalize(input).getBytes(StandardCharsets.UTF_8);

        assertThat(actual).as(file).isEqualTo(expected);
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
