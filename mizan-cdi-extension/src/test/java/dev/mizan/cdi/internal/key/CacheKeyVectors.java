package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.json.JsonTrees;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a file of cache-key vectors ({@code secret, name, scope, paramTypes, params, canonical,
 * stableKey, key}) written by another implementation, and checks one vector against the Java code.
 */
final class CacheKeyVectors {

    private static final ParamCanonicalizer CANONICALIZER = new ParamCanonicalizer();

    private CacheKeyVectors() {
    }

    /** Reads the file as Mizan reads params off the wire: numbers keep their literal. */
    static JsonArray read(Path file) {
        try {
            return (JsonArray) JsonTrees.parse(Files.readString(file, StandardCharsets.UTF_8), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that canonical form, stable key and cache key of the vector are reproduced. */
    static void reproduce(JsonObject vector) {
        String name = vector.getString("name");
        Map<String, String> types = vector.getJsonObject("paramTypes").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((JsonString) e.getValue()).getString()));
        CacheKeys keys = new CacheKeys(Secrets.of(vector.getString("secret"), Optional.empty()).cacheSubkey());

        String canonical = CANONICALIZER.canonical(vector.getJsonObject("params"), types);

        assertThat(canonical).isEqualTo(vector.getString("canonical"));
        assertThat(CacheKeys.stableKey(name, canonical)).isEqualTo(vector.getString("stableKey"));
        assertThat(keys.key(name, vector.getString("scope"), canonical)).isEqualTo(vector.getString("key"));
    }
}
