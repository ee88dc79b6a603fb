package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.weld.spi.FailingApi;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runtime is built and checked at deployment (docs/reference/config.md): a bad value of each
 * type, and a configured backend that is missing, fail the deployment with a numbered message.
 * Expected texts are written from docs/reference/messages.md.
 */
class ConfigAtDeploymentTest {

    private static String failure(Map<String, String> config) {
        Throwable t = WeldBed.startFailure(config, FailingApi.class);
        assertThat(t).as("deploying with %s must fail", config).isInstanceOf(DeploymentException.class);
        return WeldBed.messages(t);
    }

    @Test
    void redisWithoutItsJarNamesTheArtifact() {
        assertThat(failure(Map.of("mizan.cache.backend", "redis"))).contains(
                "MZCDI00111: mizan.cache.backend=redis needs dev.mizan:mizan-cache-jedis in WEB-INF/lib: add that "
                        + "dependency to the application. Backends available now: memory, none");
    }

    @Test
    void aMissingBackendIsReportedWithTheOtherProblems() {
        String all = WeldBed.messages(WeldBed.startFailure(Map.of("mizan.cache.backend", "redis", "mizan.limits.max-body", "1MB"),
                dev.mizan.cdi.weld.broken.VoidContext.class));
        assertThat(all).contains("MZCDI00010: dev.mizan.cdi.weld.broken.VoidContext#nothing", "MZCDI00102: mizan.limits.max-body",
                "MZCDI00111: mizan.cache.backend=redis needs dev.mizan:mizan-cache-jedis");
    }

    @Test
    void anUnknownBackendSuggestsTheNearestName() {
        assertThat(failure(Map.of("mizan.cache.backend", "memroy"))).contains(
                "MZCDI00111: mizan.cache.backend=memroy names no cache backend; did you mean 'memory'?");
    }

    @Test
    void aNumberThatIsNotOne() {
        assertThat(failure(Map.of("mizan.limits.max-body", "1MB")))
                .contains("MZCDI00102: mizan.limits.max-body = '1MB' is not a positive whole number");
        assertThat(failure(Map.of("mizan.cache.memory.max-entries", "0")))
                .contains("MZCDI00102: mizan.cache.memory.max-entries = '0' is not a positive whole number");
    }

    @Test
    void aDurationThatIsNotOne() {
        assertThat(failure(Map.of("mizan.cache.ttl", "30s")))
                .contains("MZCDI00103: mizan.cache.ttl = '30s' is not an ISO-8601 duration (e.g. PT30S)");
    }

    @Test
    void aDurationThatMustBePositiveAndIsNot() {
        assertThat(failure(Map.of("mizan.events.heartbeat", "PT0S")))
                .contains("MZCDI00104: mizan.events.heartbeat = 'PT0S' is shorter than one millisecond");
    }

    @Test
    void aDurationUnderOneMillisecondIsRefused() {
        // the heartbeat timer counts whole milliseconds: this one would fail when the first stream opens
        assertThat(failure(Map.of("mizan.events.heartbeat", "PT0.0005S")))
                .contains("MZCDI00104: mizan.events.heartbeat = 'PT0.0005S' is shorter than one millisecond");
    }

    @Test
    void aDurationTooLongForMillisecondsIsRefusedWithTheKey() {
        assertThat(failure(Map.of("mizan.events.heartbeat", "PT9999999999999H")))
                .contains("MZCDI00108: mizan.events.heartbeat = 'PT9999999999999H' is too long to count in milliseconds");
    }

    @Test
    void aCacheDurationThatIsNotPositive() {
        assertThat(failure(Map.of("mizan.cache.ttl", "-PT1M")))
                .contains("MZCDI00104: mizan.cache.ttl = '-PT1M' is shorter than one millisecond");
        assertThat(failure(Map.of("mizan.cache.repurge-delay", "PT0S")))
                .contains("MZCDI00104: mizan.cache.repurge-delay = 'PT0S' is shorter than one millisecond");
    }

    @Test
    void durationsAreReadTrimmedAsNumbersAndBooleansAre() {
        // a .properties file keeps trailing spaces; the build-time schema tool trims mizan.cache.ttl too
        WeldBed.with(Map.of("mizan.cache.ttl", "PT5M ", "mizan.cache.repurge-delay", " PT2S", "mizan.events.heartbeat", "PT10S\t"),
                cdi -> {
                    var settings = cdi.select(MizanEngine.class).get().settings();
                    assertThat(settings.cacheTtl()).isEqualTo(java.time.Duration.ofMinutes(5));
                    assertThat(settings.repurgeDelay()).contains(java.time.Duration.ofSeconds(2));
                    assertThat(settings.eventsHeartbeat()).isEqualTo(java.time.Duration.ofSeconds(10));
                }, FailingApi.class);
    }

    @Test
    void aCorsEntryThatIsNotAnOrigin() {
        String all = failure(Map.of("mizan.cors.origins", "https://ok.example.com,app.example.com,*,https://x.example.com/app"));
        assertThat(all).contains("MZCDI00107: mizan.cors.origins lists 'app.example.com', which is not an origin:"
                + " write scheme://host[:port], e.g. https://app.example.com (no path, no wildcard)");
        assertThat(all).contains("MZCDI00107: mizan.cors.origins lists '*'");
        assertThat(all).contains("MZCDI00107: mizan.cors.origins lists 'https://x.example.com/app'");
        assertThat(all).doesNotContain("'https://ok.example.com'");
    }

    @Test
    void aHeaderNameThatIsNotOne() {
        assertThat(failure(Map.of("mizan.edge.tag-header", "Cache Tag")))
                .contains("MZCDI00105: mizan.edge.tag-header = 'Cache Tag' is not an HTTP header name");
    }

    @Test
    void everyBadValueIsReportedInOneDeployment() {
        String all = failure(Map.of("mizan.cache.ttl", "soon", "mizan.limits.max-depth", "-1"));
        assertThat(all).contains("MZCDI00103: mizan.cache.ttl").contains("MZCDI00102: mizan.limits.max-depth");
    }

    @Test
    void noSecretOutsideDevelopmentModeFailsTheDeployment() {
        assertThat(failure(java.util.Collections.singletonMap("mizan.secret", null))).contains(
                "MZCDI00100: mizan.secret is not set. Set it (at least 16 bytes (32 random bytes recommended), the same on"
                        + " every node) in MicroProfile Config, e.g. the environment variable MIZAN_SECRET, or set mizan.dev=true"
                        + " for development");
    }

    @Test
    void aShortSecretIsOneMessageWhicheverKey() {
        assertThat(failure(Map.of("mizan.secret", "short"))).contains(
                "MZCDI00101: mizan.secret is 5 bytes long; it must be at least 16 bytes (32 random bytes recommended)");
        assertThat(failure(Map.of("mizan.secret.previous", "also-short"))).contains(
                "MZCDI00101: mizan.secret.previous is 10 bytes long; it must be at least 16 bytes");
    }

    @Test
    void booleansUseMicroProfileConfigsConversion() {
        // MicroProfile Config reads "yes" and "on" as true (Boolean.parseBoolean would say false)
        WeldBed.with(Map.of("mizan.dev", "yes", "mizan.csrf.enabled", "off"), cdi -> {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            assertThat(engine.settings().dev()).isTrue();
            assertThat(engine.settings().schemaEnabled()).isTrue();
            assertThat(engine.settings().csrfEnabled()).isFalse();
        }, FailingApi.class);
    }

    @Test
    void aBooleanThatIsNotOneOfTheWords() {
        // MicroProfile Config alone would read 'ture' as false: a typo that switched CSRF off
        assertThat(failure(Map.of("mizan.csrf.enabled", "ture")))
                .contains("MZCDI00106: mizan.csrf.enabled = 'ture' is not a boolean (true, yes, on, 1 / false, no, off, 0)");
        assertThat(failure(Map.of("mizan.dev", "maybe", "mizan.secret", "0123456789abcdef0123")))
                .contains("MZCDI00106: mizan.dev = 'maybe' is not a boolean");
    }

    @Test
    void booleansTakeMicroProfileConfigsWordsForFalseInAnyCase() {
        WeldBed.with(Map.of("mizan.csrf.enabled", "No", "mizan.events.enabled", "0", "mizan.schema.enabled", "N",
                "mizan.dev", "OFF", "mizan.secret", "0123456789abcdef0123"), cdi -> {
            MizanEngine engine = cdi.select(MizanEngine.class).get();
            assertThat(engine.settings().csrfEnabled()).isFalse();
            assertThat(engine.settings().eventsEnabled()).isFalse();
            assertThat(engine.settings().schemaEnabled()).isFalse();
            assertThat(engine.settings().dev()).isFalse();
        }, FailingApi.class);
    }

    @Test
    void listsUseMicroProfileConfigsConversion() {
        WeldBed.with(Map.of("mizan.cors.origins", "https://a.example, https://b.example"), cdi ->
                assertThat(cdi.select(MizanEngine.class).get().settings().corsOrigins())
                        .containsExactly("https://a.example", "https://b.example"), FailingApi.class);
    }

    /** Read once, at deployment, the way a request's Origin is read, so a request compares them as they are. */
    @Test
    void corsOriginsAreNormalizedAtDeployment() {
        WeldBed.with(Map.of("mizan.cors.origins", "HTTPS://App.Example:443,http://localhost:8080,http://app_ui:80"), cdi ->
                assertThat(cdi.select(MizanEngine.class).get().settings().corsOrigins())
                        .containsExactly("https://app.example", "http://localhost:8080", "http://app_ui"), FailingApi.class);
    }
}
