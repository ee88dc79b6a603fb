package dev.mizan.tck.runner.payara;

import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link PayaraMicroRootReset} and {@link PayaraMicroDeploymentCheck} when the run is on Payara Micro. Only
 * the {@code payara} profile compiles and registers this extension, but its classes stay in
 * {@code target/test-classes} for a later run of another profile in the same checkout (.ci/run runs Liberty after
 * Payara), so it checks the container the run launches.
 */
public class PayaraMicroRunnerExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("payara".equals(System.getProperty("arquillian.launch"))) {
            builder.observer(PayaraMicroRootReset.class);
            builder.observer(PayaraMicroDeploymentCheck.class);
        }
    }
}
