package dev.mizan.tck.framework.arquillian;

import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text of the last failed deployment of each archive, as the runtime's adapter reported it: the
 * {@code toString()} of every throwable in the failure's cause chain and of every suppressed one, one per line.
 * {@link DeploymentFailureRecorder} fills it; a broken-deployment test reads it to check that its deployment
 * failed for the rule it is named for, by the numbered id of docs/reference/messages.md.
 */
public final class DeploymentFailures {

    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private DeploymentFailures() {
    }

    /**
     * @param deploymentName the archive's name without {@code .war}, as given to {@code Deployments}
     * @return the text of that deployment's failure
     * @throws AssertionError when no failure of that deployment was recorded
     */
    public static String of(String deploymentName) {
        String text = TEXTS.get(deploymentName);
        if (text == null) {
            throw new AssertionError("no deployment failure of " + deploymentName + " was recorded: either it deployed,"
                    + " or the runtime's Arquillian adapter reported its failure outside the deployment");
        }
        return text;
    }

    /**
     * @return the name a deployment is recorded under: its archive's name without {@code .war}, which is also the
     *         application name the runtimes' adapters deploy it as
     */
    public static String nameOf(DeploymentDescription description) {
        if (!description.isArchiveDeployment()) {
            return description.getName();
        }
        String archive = description.getArchive().getName();
        return archive.endsWith(".war") ? archive.substring(0, archive.length() - ".war".length()) : archive;
    }

    static void forget(String deploymentName) {
        TEXTS.remove(deploymentName);
    }

    static void record(String deploymentName, Throwable failure) {
        TEXTS.put(deploymentName, text(failure));
    }

    /** Every throwable reachable through causes and suppressed ones, each once, depth first. */
    static String text(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (failure != null) {
            pending.push(failure);
        }
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (!seen.add(t)) {
                continue;
            }
            text.append(t).append('\n');
            Throwable[] suppressed = t.getSuppressed();
            for (int i = suppressed.length - 1; i >= 0; i--) {
                pending.push(suppressed[i]);
            }
            if (t.getCause() != null) {
                pending.push(t.getCause());
            }
        }
        return text.toString();
    }
}
