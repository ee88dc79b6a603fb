package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.weld.spi.FailingApi;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On a server without MicroProfile Config the deployment fails with MZCDI00110, which says what to
 * enable or add (docs/reference/messages.md, docs/how-to/deploy.md), not with a
 * {@code NoClassDefFoundError}. Weld SE runs in a JVM of its own whose class path is this test's
 * without the MicroProfile Config API and its implementation: such a server.
 */
class WithoutMicroProfileConfigTest {

    /** Jars that make up MicroProfile Config here: its API and SmallRye Config's jars. */
    private static boolean microProfileConfig(String entry) {
        String jar = Path.of(entry).getFileName().toString();
        return jar.startsWith("microprofile-config-api-") || jar.startsWith("smallrye-config");
    }

    @Test
    void theDeploymentFailsWithTheNumberedMessage() throws IOException, InterruptedException {
        List<String> all = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> without = all.stream().filter(e -> !microProfileConfig(e)).toList();
        assertThat(without).as("the test class path must carry MicroProfile Config to leave it out").hasSizeLessThan(all.size());

        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, without), Deploy.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).as("the JVM ends: %s", out).isTrue();

        assertThat(jvm.exitValue()).as(out).isZero();
        assertThat(out).contains("failed; a deployment problem: true")
                .contains("MZCDI00110: ").contains("MicroProfile Config").contains("mpConfig-3.1").contains("WEB-INF/lib")
                .doesNotContain("NoClassDefFoundError");
    }

    /** Runs in the JVM without MicroProfile Config: starts Weld SE and prints how the start failed. */
    public static final class Deploy {

        private Deploy() {
        }

        public static void main(String[] args) {
            try {
                Class.forName("org.eclipse.microprofile.config.ConfigProvider");
                System.out.println("MicroProfile Config is on the class path");
                System.exit(2);
            } catch (ClassNotFoundException expected) {
                // the server this test stands for
            }
            try (var ignored = WeldBed.start(FailingApi.class)) {
                System.out.println("started");
                System.exit(3);
            } catch (RuntimeException e) {
                System.out.println("failed; a deployment problem: " + (e instanceof DeploymentException));
                System.out.println(WeldBed.messages(e));
            }
            System.exit(0);
        }
    }
}
