package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reproduces the TCK's cache-key vectors, whose expected values come from the independent Python
 * implementation in mizan-tck/vectors/generate_cache_keys.py.
 */
class CacheKeyVectorsTest {

    private static final Path VECTORS = Path.of("../mizan-tck/src/main/resources/vectors/cache-keys.json");

        @TestFactory
    Stream<DynamicTest> reproducesEveryVector() throws IOException {
        JsonArray vectors = CacheKeyVectors.read(VECTORS);
        return vectors.getValuesAs(JsonObject.class).stream().map(vector -> dynamicTest(
                vector.getString("name") + " " + vector.get("params"), () -> CacheKeyVectors.reproduce(vector)));
    }

    @Test
    void vectorsCoverWhatDesignAsksFor() throws IOException {
        JsonArray vectors = CacheKeyVectors.read(VECTORS);
        var canonicals = vectors.getValuesAs(JsonObject.class).stream()
                .map(v -> v.getString("canonical")).collect(Collectors.joining("\n"));

        assertThat(vectors).hasSizeGreaterThanOrEqualTo(40);
        assertThat(vectors.getValuesAs(JsonObject.class)).extracting(v -> v.getString("scope"))
                .contains("public").anyMatch(scope -> scope.startsWith("user:") && !scope.chars().allMatch(c -> c < 128));
        assertThat(vectors.getValuesAs(JsonObject.class).stream().map(v -> v.getString("secret")).distinct())
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(canonicals).contains("\"9007199254740992\"", "9007199254740991", "1e+21", "5e-324",
                "\"12.50\"", "[null]", "{}", "\uD83D\uDE00", "true", "false");
    }


}
