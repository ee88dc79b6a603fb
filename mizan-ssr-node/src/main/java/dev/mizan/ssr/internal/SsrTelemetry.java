package dev.mizan.ssr.internal;

import jakarta.enterprise.inject.spi.BeanManager;

/** Finds the server's OpenTelemetry once, when the pool starts: {@link OtelSsrMetrics} where it is, {@link SsrMetrics#NONE} elsewhere. */
final class SsrTelemetry {

    private SsrTelemetry() {
    }

    static SsrMetrics resolve(BeanManager bm) {
        try {
            Class.forName("io.opentelemetry.api.OpenTelemetry", false, SsrTelemetry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return SsrMetrics.NONE;
        }
        // a class of its own: the OpenTelemetry types load only here, where they are known to be present
        return OtelSsrMetrics.fromBeans(bm);
    }
}
