package dev.mizan.ssr.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Set;

/** {@link SsrMetrics} through the server's OpenTelemetry, under the core's instrumentation scope {@code dev.mizan}. */
final class OtelSsrMetrics implements SsrMetrics {

    private static final double NANOS_PER_MILLI = 1e6;
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final LongCounter renders;
    private final DoubleHistogram duration;
    /** One prepared attribute set per outcome, so a render allocates nothing here. */
    private final Attributes[] sets = new Attributes[OUTCOMES.length];

    private OtelSsrMetrics(OpenTelemetry otel) {
        Meter meter = otel.getMeter("dev.mizan");
        renders = meter.counterBuilder("mizan.ssr.renders").setDescription("Server-side renders by outcome").build();
        duration = meter.histogramBuilder("mizan.ssr.render.duration").setUnit("ms")
                .setDescription("Time a Node worker took to render a page").build();
        AttributeKey<String> key = AttributeKey.stringKey("outcome");
        for (Outcome o : OUTCOMES) {
            sets[o.ordinal()] = Attributes.of(key, o.attribute());
        }
    }

    static SsrMetrics fromBeans(BeanManager bm) {
        Set<Bean<?>> beans = bm.getBeans(OpenTelemetry.class);
        if (beans.isEmpty()) {
            return NONE;
        }
        Bean<?> bean = bm.resolve(beans);
        return new OtelSsrMetrics((OpenTelemetry) bm.getReference(bean, OpenTelemetry.class, bm.createCreationalContext(bean)));
    }

    @Override
    public boolean on() {
        return true;
    }

    @Override
    public void rendered(Outcome outcome, long nanos) {
        Attributes set = sets[outcome.ordinal()];
        renders.add(1, set);
        if (nanos >= 0) {
            duration.record(nanos / NANOS_PER_MILLI, set);
        }
    }
}
