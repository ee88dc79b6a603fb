package dev.mizan.tck.framework.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;

/**
 * Keeps "the deployment failed" visible to {@code @ShouldThrowException(DeploymentException.class)}
 * on every adapter.
 *
 * <p>Before it compares types, Arquillian replaces an adapter's {@link DeploymentException} by its
 * cause. Adapters differ there: WildFly's carries no cause (the server's failure is text), so the
 * expected type is found; Open Liberty's carries the server's own exceptions, rebuilt on the client,
 * so the Arquillian type is gone and a correctly refused deployment would fail the test. Every
 * throwable that reaches a transformer came out of a deployment, so this one wraps it back into a
 * {@link DeploymentException}. That any failure passes here is why the broken-deployment tests then check
 * which failure it was, in the text {@link DeploymentFailureRecorder} kept ({@link DeploymentFailures}), and that
 * nothing is served.
 */
public final class DeploymentFailureTransformer implements DeploymentExceptionTransformer {

    @Override
    public Throwable transform(Throwable failure) {
        if (failure == null || failure instanceof DeploymentException) {
            return null;
        }
        return new DeploymentException("Deployment failed: " + failure, failure);
    }
}
