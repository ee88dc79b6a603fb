package dev.mizan.cdi.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-time {@code mizan.cache.ttl} is looked up where MicroProfile Config looks at run time, in its order. */
class CacheTtlSettingTest {

    @TempDir
    Path classes;

    private Duration read(Map<String, String> env) {
        return CacheTtlSetting.read(List.of(classes), env::get);
    }

    @Test
    void theEnvironmentUnderEachOfMicroProfileConfigsSpellings() {
        assertThat(read(Map.of())).isEqualTo(Duration.ofMinutes(1));
        assertThat(read(Map.of("MIZAN_CACHE_TTL", "PT9S"))).isEqualTo(Duration.ofSeconds(9));
        assertThat(read(Map.of("mizan_cache_ttl", "PT8S"))).isEqualTo(Duration.ofSeconds(8));
        assertThat(read(Map.of("mizan.cache.ttl", "PT7S", "MIZAN_CACHE_TTL", "PT9S"))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theEnvironmentRanksAboveTheConfigFile() throws IOException {
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/microprofile-config.properties"), "mizan.cache.ttl=PT2M\n");
        assertThat(read(Map.of())).isEqualTo(Duration.ofMinutes(2));
        assertThat(read(Map.of("MIZAN_CACHE_TTL", "PT9S"))).isEqualTo(Duration.ofSeconds(9));
    }
}
