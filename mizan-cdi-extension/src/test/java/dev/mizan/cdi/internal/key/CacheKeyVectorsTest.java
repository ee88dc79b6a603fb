package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    private final ParamCanonicalizer canonicalizer = new ParamCanonicalizer();

    @TestFactory
    Stream<DynamicTest> reproducesEveryVector() throws IOException {
        JsonArray vectors = readVectors();
        return vectors.getValuesAs(JsonObject.class).stream().map(vector -> dynamicTest(
                vector.getString("name") + " " + vector.get("params"), () -> reproduce(vector)));
    }

    @Test
    void vectorsCoverWhatDesignAsksFor() throws IOException {
        JsonArray vectors = readVectors();
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

    private void reproduce(JsonObject vector) {
        String name = vector.getString("name");
        Map<String, String> types = vector.getJsonObject("paramTypes").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((JsonString) e.getValue()).getString()));
        CacheKeys keys = new CacheKeys(Secrets.of(vector.getString("secret"), Optional.empty()).cacheSubkey());

        String canonical = canonicalizer.canonical(vector.getJsonObject("params"), types);

        assertThat(canonical).isEqualTo(vector.getString("canonical"));
        assertThat(CacheKeys.stableKey(name, canonical)).isEqualTo(vector.getString("stableKey"));
        assertThat(keys.key(name, vector.getString("scope"), canonical)).isEqualTo(vector.getString("key"));
    }

    private static JsonArray readVectors() throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(VECTORS, StandardCharsets.UTF_8))) {
            return reader.readArray();
        }
    }
}
