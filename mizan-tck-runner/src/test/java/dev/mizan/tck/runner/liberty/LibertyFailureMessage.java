package dev.mizan.tck.runner.liberty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import dev.mizan.tck.framework.arquillian.DeploymentFailures;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;

/**
 * Gives a failed deployment on Open Liberty the server's whole failure message.
 *
 * <p>The Liberty adapter (2.1) builds its exception from the one line of {@code messages.log} where the server
 * reports the failure ({@code CWWKZ0002E}), but the server's message goes on over the next lines when it has
 * several parts: Weld's "Exception List with 2 exceptions:" names each definition error on a line of its own.
 * So when a deployment fails, this reads that whole record from the server's {@code messages.log} and adds it to
 * the adapter's exception as a suppressed {@link DeploymentException}, where the TCK's broken-deployment tests
 * find the message ids (docs/reference/messages.md). Should the log not be readable, the suppressed exception
 * says so, and a test that needs the rest of the message fails.
 */
public class LibertyFailureMessage {

    /** Inside the TCK's own recorder of failed deployments (precedence -100), so that it records what this adds. */
    private static final int INSIDE_TCK_FAILURE_RECORDER = -200;

    /** A record of messages.log starts with its time stamp: {@code [12/6/26, 13:14:17:550 UTC]}. */
    private static final Pattern RECORD_START = Pattern.compile("^\\[\\d");

    /**
     * A stack trace's frame, {@code at pkg.Class.method(File.java:12)}, which is left out; not Weld's "at injection
     * point [BackedAnnotatedField] ..." line, which names the member.
     */
    private static final Pattern STACK_FRAME = Pattern.compile("\\s*at [\\w$.<>/]+\\(.*\\)\\s*");

    public void addServerMessage(@Observes(precedence = INSIDE_TCK_FAILURE_RECORDER) EventContext<DeployDeployment> context) {
        try {
            context.proceed();
        } catch (Throwable failure) {
            failure.addSuppressed(serverMessage(DeploymentFailures.nameOf(context.getEvent().getDeployment().getDescription())));
            throw failure;
        }
    }

    private static DeploymentException serverMessage(String application) {
        Path log = Path.of(System.getProperty("wlp.home", ""), "usr", "servers",
                System.getProperty("liberty.serverName", "defaultServer"), "logs", "messages.log");
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new DeploymentException("Open Liberty's " + log + " could not be read: " + e);
        }
        String marker = "CWWKZ0002E: An exception occurred while starting the application " + application + ".";
        int start = -1;
        for (int i = lines.size() - 1; i >= 0 && start < 0; i--) {
            if (lines.get(i).contains(marker)) {
                start = i;
            }
        }
        if (start < 0) {
            return new DeploymentException("Open Liberty's " + log + " holds no CWWKZ0002E record for " + application);
        }
        StringBuilder record = new StringBuilder(lines.get(start));
        for (int i = start + 1; i < lines.size() && !RECORD_START.matcher(lines.get(i)).find(); i++) {
            if (!lines.get(i).isBlank() && !STACK_FRAME.matcher(lines.get(i)).matches()) {
                record.append('\n').append(lines.get(i));
            }
        }
        return new DeploymentException("Open Liberty's messages.log: " + record);
    }
}
