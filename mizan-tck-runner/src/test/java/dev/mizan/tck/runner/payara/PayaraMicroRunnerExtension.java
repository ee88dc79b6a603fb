package dev.mizan.tck.runner.payara;

import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link PayaraMicroRootReset} and {@link PayaraMicroDeploymentCheck}; only the {@code payara} profile puts this
 * extension on the classpath.
 */
public class PayaraMicroRunnerExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(PayaraMicroRootReset.class);
        builder.observer(PayaraMicroDeploymentCheck.class);
    }
}
