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
    void mizansSystemPropertiesAreCutFromJvmOptionsAndTheRestStays() {
        assertThat(Worker.withoutMizanProperties("-Xmx1g -Dmizan.secret=s3cr3t -Dshop.url=x")).isEqualTo("-Xmx1g -Dshop.url=x");
        assertThat(Worker.withoutMizanProperties("-Dmizan.secret=\"s3 cr3t\" -Dmizan.dev=true")).isEmpty();
        assertThat(Worker.withoutMizanProperties("-Xms1g -D%prod.mizan.secret='a b'")).isEqualTo("-Xms1g");
        assertThat(Worker.withoutMizanProperties("-DMIZAN.SECRET=x -Dmizanthrope=1")).isEqualTo("-Dmizanthrope=1");
        assertThat(Worker.withoutMizanProperties("/usr/bin:/bin")).isEqualTo("/usr/bin:/bin");
        assertThat(Worker.withoutMizanProperties("-Dshop.mizan.theme=dark")).isEqualTo("-Dshop.mizan.theme=dark");
    }

    @Test
    void theRestOfTheEnvironmentStays() {
        assertThat(List.of("PATH", "HOME", "NODE_OPTIONS", "NODE_ENV", "SHOP_API_URL", "SHOP_MIZAN_THEME", "MIZANTHROPE",
                "MIZAN", "mizan", "XMIZAN_SECRET", "_MIZAN", "_JAVA_OPTIONS", "%prod.shop.url", "_PROD_SHOP_URL", ""))
                .noneMatch(Worker::mizanSetting);
    }
}
