package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which environment variables a worker does not get: every spelling under which MicroProfile Config
 * reads a {@code mizan.*} key from the environment, and nothing else. {@link WorkerEnvironmentIntegrationTest}
 * checks a real worker's environment.
 */
class WorkerEnvironmentTest {

    @Test
    void mizansSettingsInEverySpellingMicroProfileConfigReads() {
        assertThat(List.of("MIZAN_SECRET", "mizan_secret", "mizan.secret", "Mizan_Secret", "MIZAN_SSR_BUNDLE",
                "mizan.ssr.pool.size", "MIZAN_DEV", "_PROD_MIZAN_SECRET", "_prod_mizan_secret", "%prod.mizan.secret",
                "_MY_PROFILE_MIZAN_SECRET", "MIZAN_"))
                .allMatch(Worker::mizanSetting);
    }

    @Test
    void theRestOfTheEnvironmentStays() {
        assertThat(List.of("PATH", "HOME", "NODE_OPTIONS", "NODE_ENV", "SHOP_API_URL", "SHOP_MIZAN_THEME", "MIZANTHROPE",
                "MIZAN", "mizan", "XMIZAN_SECRET", "_MIZAN", "_JAVA_OPTIONS", "%prod.shop.url", "_PROD_SHOP_URL", ""))
                .noneMatch(Worker::mizanSetting);
    }
}
