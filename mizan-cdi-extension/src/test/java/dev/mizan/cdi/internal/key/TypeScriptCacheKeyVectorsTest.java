package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
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

        @TestFactory
    Stream<DynamicTest> reproducesEveryVectorTheClientWrote() throws IOException {
        JsonArray vectors = CacheKeyVectors.read(VECTORS);
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(20);
        return vectors.getValuesAs(JsonObject.class).stream().map(vector -> dynamicTest(
                vector.getString("name") + " " + vector.get("params"), () -> CacheKeyVectors.reproduce(vector)));
    }

}
