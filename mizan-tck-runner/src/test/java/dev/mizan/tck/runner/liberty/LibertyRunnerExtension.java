package dev.mizan.tck.runner.liberty;

import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link LibertyFailureMessage} when the run is on Open Liberty. Only the {@code liberty} profile
 * compiles and registers this extension, but its classes stay in {@code target/test-classes} for a later run of
 * another profile in the same checkout, so it checks the container the run launches.
 */
public class LibertyRunnerExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("liberty".equals(System.getProperty("arquillian.launch"))) {
            builder.observer(LibertyFailureMessage.class);
        }
    }
}
