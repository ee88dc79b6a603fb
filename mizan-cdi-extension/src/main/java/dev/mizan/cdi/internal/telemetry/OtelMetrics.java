package dev.mizan.cdi.internal.telemetry;

import dev.mizan.cdi.internal.engine.CacheStatus;
import dev.mizan.cdi.internal.registry.Registry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Metrics} through the OpenTelemetry API (MicroProfile Telemetry 2). Instruments and the
 * attribute sets of every context and function are made at deployment; a request only looks up its
 * prepared attributes by name and adds to an instrument.
 */
final class OtelMetrics implements Metrics {

    static final String SCOPE = "dev.mizan";
    private static final AttributeKey<String> CONTEXT = AttributeKey.stringKey("context");
    private static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");
    private static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("function");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    // milliseconds: the SDK's default histogram buckets (0, 5, 10, 25, ... 10000) are made for them
    private static final double NANOS_PER_MILLI = 1e6;
    private static final CacheStatus[] STATUSES = CacheStatus.values();

    private final LongCounter requests;
    private final LongCounter purges;
    private final LongCounter calls;
    private final DoubleHistogram callDuration;
    private final DoubleHistogram fillDuration;
    private final LongUpDownCounter streams;
    /** Per context: its {@code {context}} set, then one {@code {context, result}} set per {@link CacheStatus}. */
    private final Map<String, Attributes[]> contexts = new HashMap<>();
    /**
     * The most {@code outcome} values one function reports ({@code ok} included); further error codes count
     * as {@link #OTHER}. An application that builds codes from data ({@code "stock_" + sku}) would otherwise
     * make one series per value, without bound, in every backend the metrics reach.
     */
    static final int MAX_OUTCOMES = 32;
    static final String OTHER = "other";
    /** Per function: the {@code ok} set, and error codes as they occur (errors only, so not the hot path). */
    private final Map<String, Map<String, Attributes>> functions = new HashMap<>();

    OtelMetrics(OpenTelemetry otel, Set<String> contextNames, Set<String> functionNames) {
        Meter meter = otel.getMeter(SCOPE);
        requests = meter.counterBuilder("mizan.cache.requests").setDescription("Context reads by cache result").build();
        purges = meter.counterBuilder("mizan.purges").setDescription("Purges of a context's cached entries").build();
        calls = meter.counterBuilder("mizan.calls").setDescription("Function calls by outcome").build();
        callDuration = meter.histogramBuilder("mizan.call.duration").setUnit("ms").setDescription("Function call duration").build();
        fillDuration = meter.histogramBuilder("mizan.cache.fill.duration").setUnit("ms")
                .setDescription("Time to compute a context's value on a miss or bypass").build();
        streams = meter.upDownCounterBuilder("mizan.events.streams").setDescription("Open /events streams").build();
        for (String c : contextNames) {
            Attributes[] sets = new Attributes[STATUSES.length + 1];
            sets[0] = Attributes.of(CONTEXT, c);
            for (CacheStatus s : STATUSES) {
                sets[s.ordinal() + 1] = Attributes.of(CONTEXT, c, RESULT, s.header());
            }
            contexts.put(c, sets);
        }
        for (String f : functionNames) {
            Map<String, Attributes> outcomes = new ConcurrentHashMap<>();
            outcomes.put("ok", Attributes.of(FUNCTION, f, OUTCOME, "ok"));
            functions.put(f, outcomes);
        }
    }

    static Metrics fromBeans(BeanManager bm, Registry registry) {
        Set<Bean<?>> beans = bm.getBeans(OpenTelemetry.class);
        if (beans.isEmpty()) {
            return Metrics.NONE;
        }
        Bean<?> bean = bm.resolve(beans);
        OpenTelemetry otel = (OpenTelemetry) bm.getReference(bean, OpenTelemetry.class, bm.createCreationalContext(bean));
        return new OtelMetrics(otel, registry.contexts().keySet(), registry.functions().keySet());
    }

    @Override
    public boolean on() {
        return true;
    }

    @Override
    public void cacheRequest(String context, CacheStatus result) {
        Attributes[] sets = contexts.get(context);
        if (sets != null) {
            requests.add(1, sets[result.ordinal() + 1]);
        }
    }

    @Override
    public void filled(String context, long nanos) {
        Attributes[] sets = contexts.get(context);
        if (sets != null) {
            fillDuration.record(nanos / NANOS_PER_MILLI, sets[0]);
        }
    }

    @Override
    public void purged(String context) {
        Attributes[] sets = contexts.get(context);
        if (sets != null) {
            purges.add(1, sets[0]);
        }
    }

    @Override
    public void called(String function, String outcome, long nanos) {
        Attributes set = outcome(function, outcome);
        if (set != null) {
            calls.add(1, set);
            callDuration.record(nanos / NANOS_PER_MILLI, set);
        }
    }

    @Override
    public void refused(String function, String code) {
        Attributes set = outcome(function, code);
        if (set != null) {
            calls.add(1, set);
        }
    }

    /** @return the {@code {function, outcome}} set, {@code null} for a function the registry does not know */
    private Attributes outcome(String function, String outcome) {
        Map<String, Attributes> outcomes = functions.get(function);
        if (outcomes == null) {
            return null;
        }
        Attributes set = outcomes.get(outcome);
        if (set == null) {
            // racing first failures may pass the bound by a few: it bounds the series, not exactly
            String kept = outcomes.size() < MAX_OUTCOMES ? outcome : OTHER;
            set = outcomes.computeIfAbsent(kept, o -> Attributes.of(FUNCTION, function, OUTCOME, o));
        }
        return set;
    }

    @Override
    public void streams(int delta) {
        streams.add(delta);
    }
}
