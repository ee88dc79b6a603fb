package dev.mizan.tck.framework.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * The TCK's own Arquillian extension, loaded from this jar's {@code META-INF/services} whatever
 * adapter the runner uses. It registers {@link DeploymentFailureTransformer}, so that any failed deployment counts
 * for {@code @ShouldThrowException(DeploymentException.class)}, and {@link DeploymentFailureRecorder}, so that a
 * broken-deployment test can check which failure it was ({@link DeploymentFailures}).
 */
public final class TckArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeploymentExceptionTransformer.class, DeploymentFailureTransformer.class);
        builder.observer(DeploymentFailureRecorder.class);
    }
}
