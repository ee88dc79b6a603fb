package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsrSettingsTest {

    private static SsrSettings read(Map<String, String> values) {
        return SsrSettings.read(k -> Optional.ofNullable(values.get(k)));
    }

    @Test
    void defaultsAreTheReadmeTable() {
        SsrSettings s = read(Map.of());
        assertThat(s.enabled()).isFalse();
        assertThat(s.command()).isEqualTo("node");
        assertThat(s.poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.maxRenders()).isEqualTo(10_000);
        assertThat(s.maxReply()).isEqualTo(8_388_608);
        assertThat(s.failOpen()).isTrue();
        assertThat(s.dev()).isFalse();
        assertThat(s.commandOptions()).isEmpty();
        assertThat(s.commandLine()).containsExactly("node");
    }

    @Test
    void commandOptionsAreSplitAtWhitespaceAndGoBetweenTheCommandAndTheScript() {
        SsrSettings s = read(Map.of("ssr.command", "/opt/node/bin/node",
                "ssr.command-options", "  --min-semi-space-size=32 \t --max-old-space-size=512 "));
        assertThat(s.commandOptions()).containsExactly("--min-semi-space-size=32", "--max-old-space-size=512");
        assertThat(s.commandLine()).containsExactly("/opt/node/bin/node", "--min-semi-space-size=32", "--max-old-space-size=512");
        assertThat(read(Map.of("ssr.command-options", "  ")).commandOptions()).isEmpty();
    }

    @Test
    void valuesAreRead() {
        SsrSettings s = read(Map.of("ssr.bundle", "classpath:x.mjs", "ssr.command", "bun", "ssr.pool.size", " 3 ",
                "ssr.timeout", "PT0.5S", "ssr.max-renders", "7", "ssr.max-reply", "1000", "ssr.fail-open", "FALSE", "dev", "true"));
        assertThat(s).isEqualTo(new SsrSettings("bun", "classpath:x.mjs", 3, Duration.ofMillis(500), 7, 1000, false, true));
    }

    @Test
    void booleansTakeMicroProfileConfigsWords() {
        // the core reads mizan.dev with MicroProfile Config's Boolean converter: "yes" is true there too
        assertThat(read(Map.of("dev", "yes")).dev()).isTrue();
        assertThat(read(Map.of("dev", "ON")).dev()).isTrue();
        assertThat(read(Map.of("ssr.fail-open", "0")).failOpen()).isFalse();
        assertThat(read(Map.of("ssr.fail-open", "no")).failOpen()).isFalse();
        assertThat(read(Map.of("ssr.fail-open", "Y")).failOpen()).isTrue();
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        assertThatThrownBy(() -> read(Map.of("ssr.pool.size", "abc", "ssr.timeout", "5s", "ssr.fail-open", "maybe")))
                .hasMessageContaining("MZSSR00003: mizan.ssr.pool.size='abc'")
                .hasMessageContaining("MZSSR00003: mizan.ssr.timeout='5s'")
                .hasMessageContaining("MZSSR00003: mizan.ssr.fail-open='maybe'");
    }

    @Test
    void aTimeoutOverADayIsRefusedNotOverflowedOnEveryRender() {
        // "effectively none": Duration.toNanos() overflows above about 292 years, and a render's deadline
        // (System.nanoTime() plus the timeout) wraps well before that
        assertThatThrownBy(() -> read(Map.of("ssr.timeout", "P365000D")))
                .hasMessage("MZSSR00003: mizan.ssr.timeout='P365000D' is not a positive ISO-8601 duration such as PT5S, at most PT24H");
        assertThatThrownBy(() -> read(Map.of("ssr.timeout", "PT24H0.001S"))).hasMessageContaining("mizan.ssr.timeout");
        assertThat(read(Map.of("ssr.timeout", "P1D")).timeout()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> read(Map.of("ssr.pool.size", "0"))).hasMessage("MZSSR00003: mizan.ssr.pool.size='0' is not a positive integer");
        assertThatThrownBy(() -> read(Map.of("ssr.timeout", "5s")))
                .hasMessage("MZSSR00003: mizan.ssr.timeout='5s' is not a positive ISO-8601 duration such as PT5S, at most PT24H");
        assertThatThrownBy(() -> read(Map.of("ssr.fail-open", "maybe")))
                .hasMessage("MZSSR00003: mizan.ssr.fail-open='maybe' is not a boolean (true, yes, on, 1 / false, no, off, 0)");
    }
}
