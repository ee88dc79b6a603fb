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
import org.junit.jupiter.api.TestFactory;

/**
 * Reproduces the cache-key vectors that the TypeScript kernel writes (mizan-js/vectors/ts-cache-keys.json,
 * by ts-cache-keys.mjs): the other direction of {@link CacheKeyVectorsTest}. Their {@code params} are the
 * JSON the client sends for Dates, bigints, decimals held as numbers and undefined members, so the
 * server must derive the same canonical form and key from what arrives.
 */
class TypeScriptCacheKeyVectorsTest {

    private static final Path VECTORS = Path.of("../mizan-js/vectors/ts-cache-keys.json");

    private final ParamCanonicalizer canonicalizer = new ParamCanonicalizer();

    @TestFactory
    Stream<DynamicTest> reproducesEveryVectorTheClientWrote() throws IOException {
        JsonArray vectors;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(VECTORS, StandardCharsets.UTF_8))) {
            vectors = reader.readArray();
        }
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(20);
        return vectors.getValuesAs(JsonObject.class).stream().map(vector -> dynamicTest(
                vector.getString("name") + " " + vector.get("params"), () -> reproduce(vector)));
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
}
