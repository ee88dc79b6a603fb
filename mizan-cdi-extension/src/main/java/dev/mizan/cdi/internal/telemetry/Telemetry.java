package dev.mizan.cdi.internal.telemetry;

import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.cdi.internal.runtime.ClassPresence;
import jakarta.enterprise.inject.spi.BeanManager;

/** Finds the server's OpenTelemetry, once, at deployment: {@link OtelMetrics} where it is, {@link Metrics#NONE} elsewhere. */
public final class Telemetry {

    private Telemetry() {
    }

    /**
     * @param bm       the application's bean manager
     * @param registry the contexts and functions, whose attribute sets are made now
     * @return the metrics to record into
     */
    public static Metrics resolve(BeanManager bm, Registry registry) {
        if (!ClassPresence.present("io.opentelemetry.api.OpenTelemetry")) {
            return Metrics.NONE;
        }
        // a class of its own: the OpenTelemetry types load only here, where they are known to be present
        return OtelMetrics.fromBeans(bm, registry);
    }
}
