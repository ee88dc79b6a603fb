package dev.mizan.tck.framework.arquillian;

import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;

/**
 * Records in {@link DeploymentFailures} what every failed deployment threw, under its archive's name.
 *
 * <p>It wraps the deployment inside Arquillian's own handler of {@code @ShouldThrowException} (which runs at
 * the default precedence, 0, and swallows an expected failure), so it sees the adapter's exception as thrown,
 * outer message included, before any {@code DeploymentExceptionTransformer} replaces it by its cause. What the
 * deployment's own events raise (a runner's check on {@code AfterDeploy}, say) is recorded too; a runner's
 * extension that adds the server's reason to the adapter's exception wraps the deployment at a lower precedence
 * still, so that this records what it added.
 */
public final class DeploymentFailureRecorder {

    /** Below the default, so that this runs inside Arquillian's expected-exception handler. */
    private static final int INSIDE_EXPECTED_EXCEPTION_HANDLER = -100;

    public void record(@Observes(precedence = INSIDE_EXPECTED_EXCEPTION_HANDLER) EventContext<DeployDeployment> context) {
        String name = DeploymentFailures.nameOf(context.getEvent().getDeployment().getDescription());
        DeploymentFailures.forget(name);
        try {
            context.proceed();
        } catch (Throwable failure) {
            DeploymentFailures.record(name, failure);
            throw failure;
        }
    }
}
