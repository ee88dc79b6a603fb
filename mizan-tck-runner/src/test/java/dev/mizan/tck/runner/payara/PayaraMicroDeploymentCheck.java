package dev.mizan.tck.runner.payara;

import java.util.List;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;

/**
 * Gives the Payara Micro adapter (3.1) what the other adapters do on their own.
 *
 * <ul>
 *   <li>A failed deployment is reported. The adapter starts one Payara Micro per WAR and returns as soon
 *       as Micro prints "ready", even when the WAR failed to load (Micro then lists no application).
 *       Here an empty list of deployed servlets fails the deployment with a {@link DeploymentException},
 *       as WildFly's and Liberty's adapters do.</li>
 *   <li>The TCK's {@code mizan.tck.serverUrl} points at the instance just started, which listens on a
 *       random port, so the broken-deployment tests check the very server that refused the WAR.</li>
 * </ul>
 */
public class PayaraMicroDeploymentCheck {

    @Inject
    private Instance<ProtocolMetaData> metaData;

    /** Runs after every deployment, inside the deploy operation (so a throw counts as a deployment failure). */
    public void check(@Observes AfterDeploy event) throws DeploymentException {
        ProtocolMetaData md = metaData.get();
        List<HTTPContext> contexts = md == null ? List.of() : List.copyOf(md.getContexts(HTTPContext.class));
        if (contexts.isEmpty()) {
            throw new DeploymentException("Payara Micro reported no HTTP context for " + event.getDeployment().getName());
        }
        HTTPContext http = contexts.get(0);
        System.setProperty("mizan.tck.serverUrl", "http://127.0.0.1:" + http.getPort());
        if (http.getServlets().isEmpty()) {
            throw new DeploymentException("Payara Micro started but deployed no application from "
                    + event.getDeployment().getName() + " (its log above says why)");
        }
    }
}
