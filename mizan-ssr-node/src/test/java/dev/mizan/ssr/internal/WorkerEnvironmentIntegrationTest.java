package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker starts without Mizan's own settings in its environment (docs/how-to/ssr.md, "What a worker
 * can read"): failsafe gives this JVM {@code mizan.secret} as MicroProfile Config reads it from the
 * environment ({@code MIZAN_SECRET}, {@code mizan_secret}, and for a profile {@code _PROD_MIZAN_SECRET}),
 * and the application's own variables (pom.xml). The bundle's {@code process.env} holds none of the
 * former and all of the latter. {@link WorkerEnvironmentTest} covers the spellings failsafe cannot set.
 */
class WorkerEnvironmentIntegrationTest {

    private static final String SECRET = "secret-of-the-integration-tests";
    private static final List<String> MIZAN = List.of("MIZAN_SECRET", "mizan_secret", "_PROD_MIZAN_SECRET");
    private static final List<String> KEPT = List.of("PATH", "SHOP_API_URL", "SHOP_MIZAN_THEME", "MIZANTHROPE");

    @Test
    void nodeWorkersGetNoneOfMizansSettingsAndTheRestOfTheEnvironment() throws Exception {
        check(Fixtures.settings(1, Duration.ofSeconds(10), 10_000, true));
    }

    @Test
    void bunWorkersToo() throws Exception {
        check(Fixtures.onBun(Fixtures.settings(1, Duration.ofSeconds(10), 10_000, true)));
    }

    private static void check(SsrSettings settings) throws Exception {
        assertThat(System.getenv()).as("this JVM's environment, which failsafe sets (pom.xml): run the test through Maven")
                .containsKeys(MIZAN.toArray(String[]::new)).containsKeys(KEPT.toArray(String[]::new));
        try (WorkerPool pool = Fixtures.pool(settings)) {
            String json = Fixtures.html(pool.render(Fixtures.request("env", "{}")));
            assertThat(json).as("the worker's process.env").doesNotContain(SECRET);
            JsonObject env = parse(json);
            assertThat(env.keySet()).doesNotContainAnyElementsOf(MIZAN)
                    .noneMatch(k -> k.regionMatches(true, 0, "mizan_", 0, 6) || k.regionMatches(true, 0, "mizan.", 0, 6));
            for (String k : KEPT) {
                assertThat(env.getString(k, null)).as(k).isEqualTo(System.getenv(k));
            }
            assertThat(System.getenv("JAVA_OPTS")).contains("-Dmizan.secret=" + SECRET);
            assertThat(env.getString("JAVA_OPTS", null)).as("JVM options without -Dmizan.*").isEqualTo("-Xmx1g -Dshop.url=x");
        }
    }

    private static JsonObject parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }
}
