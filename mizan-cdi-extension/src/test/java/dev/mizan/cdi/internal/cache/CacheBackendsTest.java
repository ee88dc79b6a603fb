package dev.mizan.cdi.internal.cache;

import dev.mizan.spi.CacheBackend;
import dev.mizan.spi.CacheBackend.Entry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheBackendsTest {

    @Test
    void memoryIsFoundThroughTheServiceFileAndHonoursMaxEntries() {
        Map<String, String> config = Map.of("mizan.cache.memory.max-entries", " 5 ");

        try (CacheBackend backend = CacheBackends.load("memory", key -> Optional.ofNullable(config.get(key)))) {
            assertThat(backend).isInstanceOf(MemoryCacheBackend.class);
            for (int i = 0; i < 50; i++) {
                backend.store("k" + i, new Entry(new long[0], new byte[0], "\"e\""), Duration.ofMinutes(1));
            }
            assertThat(((MemoryCacheBackend) backend).entryCount()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void memoryWorksWithoutAnyConfig() {
        try (CacheBackend backend = CacheBackends.load("memory", key -> Optional.empty())) {
            assertThat(backend).isInstanceOf(MemoryCacheBackend.class);
        }
    }

    @Test
    void badMaxEntriesNamesTheKey() {
        assertThatThrownBy(() -> CacheBackends.load("memory", key -> Optional.of("lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mizan.cache.memory.max-entries must be a positive integer, not 'lots'");
        assertThatThrownBy(() -> CacheBackends.load("memory", key -> Optional.of("0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mizan.cache.memory.max-entries must be a positive integer, not '0'");
    }

    @Test
    void redisWithoutItsJarNamesTheArtifact() {
        assertThatThrownBy(() -> CacheBackends.load("redis", key -> Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("mizan.cache.backend=redis needs dev.mizan:mizan-cache-jedis in WEB-INF/lib"
                        + " (available: memory)");
    }

    @Test
    void unknownNameListsTheAvailableBackends() {
        assertThatThrownBy(() -> CacheBackends.load("memcached", key -> Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("mizan.cache.backend=memcached names no cache backend: no dev.mizan.spi.CacheBackendFactory"
                        + " of that name is registered in META-INF/services (available: memory)");
    }
}
