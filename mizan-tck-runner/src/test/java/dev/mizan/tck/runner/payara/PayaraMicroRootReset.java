package dev.mizan.tck.runner.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;

/**
 * Starts every Payara Micro instance of the run from the same clean root directory.
 *
 * <p>The build starts Micro through a launcher bound to one root directory (the {@code payara} profile in
 * pom.xml), so that each start maps one class-data archive. An instance leaves its application behind
 * there: registered in {@code config/domain.xml}, which the next instance would deploy again beside its
 * own, and expanded under {@code applications/}. So before each deployment (the adapter starts one
 * instance per deployment) this waits until the previous instance has ended (the adapter stops it
 * without waiting), then puts the distribution's {@code domain.xml} back and removes what the
 * applications left.
 */
public class PayaraMicroRootReset {

    /** Micro stops within a few seconds of SIGTERM; one that has not by then is killed. */
    private static final long STOP_WAIT_SECONDS = 60;

    /** Runs before the adapter's deploy, which starts the instance; a throw fails that deployment. */
    public void reset(@Observes BeforeDeploy event) throws DeploymentException {
        Path root = Path.of(required("payara.rootDir"));
        Path domainXml = Path.of(required("payara.domainXml"));
        String launcher = root.resolve("launch-micro.jar").toString();
        try {
            for (ProcessHandle instance : instancesOf(launcher)) {
                awaitEnd(instance);
            }
            Files.copy(domainXml, root.resolve("config").resolve("domain.xml"), StandardCopyOption.REPLACE_EXISTING);
            deleteTree(root.resolve("applications"));
            deleteTree(root.resolve("generated"));
        } catch (IOException | UncheckedIOException e) {
            throw new DeploymentException("could not reset the Payara Micro root " + root + ": " + e.getMessage(), e);
        }
    }

    private static String required(String property) throws DeploymentException {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new DeploymentException("system property " + property + " is not set: run the TCK on Payara through "
                    + "the payara profile of mizan-tck-runner, which prepares the Micro root directory");
        }
        return value;
    }

    /** The Micro processes this JVM started from the launcher that are still running (the adapter's, at most one). */
    private static List<ProcessHandle> instancesOf(String launcher) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(line -> line.contains(launcher)).orElse(false))
                .toList();
    }

    private static void awaitEnd(ProcessHandle instance) throws DeploymentException {
        try {
            try {
                instance.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                instance.destroyForcibly();
                instance.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while waiting for Payara Micro " + instance.pid() + " to end", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeploymentException("Payara Micro " + instance.pid() + " did not end", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
