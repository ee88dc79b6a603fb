package dev.mizan.tck.framework.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The text a broken-deployment test searches: every cause and suppressed throwable, each once. */
class DeploymentFailuresTest {

    @Test
    void keepsEveryCauseAndSuppressedOne() {
        IllegalStateException root = new IllegalStateException("MZCDI00013: A#b");
        RuntimeException outer = new RuntimeException("deployment failed", root);
        outer.addSuppressed(new IllegalArgumentException("MZCDI00010: A#c"));

        assertThat(DeploymentFailures.text(outer))
                .isEqualTo("java.lang.RuntimeException: deployment failed\n"
                        + "java.lang.IllegalStateException: MZCDI00013: A#b\n"
                        + "java.lang.IllegalArgumentException: MZCDI00010: A#c\n");
    }

    @Test
    void visitsACycleOnce() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.addSuppressed(b);

        assertThat(DeploymentFailures.text(a)).isEqualTo("java.lang.RuntimeException: a\njava.lang.RuntimeException: b\n");
    }

    @Test
    void recordsPerDeploymentAndRefusesAnUnknownOne() {
        DeploymentFailures.record("tck-unit-a", new RuntimeException("MZCDI00001"));
        assertThat(DeploymentFailures.of("tck-unit-a")).contains("MZCDI00001");

        DeploymentFailures.forget("tck-unit-a");
        assertThatThrownBy(() -> DeploymentFailures.of("tck-unit-a"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no deployment failure of tck-unit-a was recorded");
    }
}
