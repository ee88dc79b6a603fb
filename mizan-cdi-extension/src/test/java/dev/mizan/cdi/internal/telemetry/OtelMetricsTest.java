package dev.mizan.cdi.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/how-to/operations.md, "Telemetry": {@code mizan.calls} by {@code outcome}, recorded into the
 * OpenTelemetry SDK and read back with its in-memory reader.
 */
class OtelMetricsTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
    private final OtelMetrics metrics = new OtelMetrics(sdk, Set.of("stock"), Set.of("order"));

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void errorCodesBuiltFromDataStopMakingSeriesAtTheBound() {
        metrics.called("order", "ok", 1_000_000);
        for (int i = 0; i < 100; i++) {
            metrics.called("order", "stock_" + i, 1_000_000); // a code per SKU, as an application may write
        }
        Map<String, Long> calls = outcomes();
        // "ok", then the first 31 codes; the other 69 calls under "other", none lost
        assertThat(calls).hasSize(OtelMetrics.MAX_OUTCOMES + 1);
        assertThat(calls).containsEntry("ok", 1L).containsEntry("stock_0", 1L).containsEntry("stock_30", 1L)
                .doesNotContainKey("stock_31").containsEntry(OtelMetrics.OTHER, 69L);
        assertThat(calls.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(101);
    }

    @Test
    void aCodeSeenBeforeTheBoundKeepsItsSeries() {
        metrics.called("order", "conflict", 1);
        for (int i = 0; i < 40; i++) {
            metrics.called("order", "e" + i, 1);
        }
        metrics.called("order", "conflict", 1);
        assertThat(outcomes()).containsEntry("conflict", 2L);
    }

    @Test
    void aRefusedCallCountsUnderItsCodeWithoutADuration() {
        metrics.called("order", "ok", 1_000_000);
        metrics.refused("order", "csrf");
        metrics.refused("order", "csrf");
        metrics.refused("order", "unsupported_media_type");
        assertThat(outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("ok", 1L, "csrf", 2L, "unsupported_media_type", 1L));
        // a function that did not run took no time: the histogram holds the one call that ran
        assertThat(reader.collectAllMetrics().stream().filter(m -> m.getName().equals("mizan.call.duration"))
                .flatMap(m -> m.getHistogramData().getPoints().stream()).mapToLong(p -> p.getCount()).sum()).isEqualTo(1);
    }

    @Test
    void aRefusedCallToAnUnknownNameMakesNoSeries() {
        metrics.refused("order", "csrf");
        for (int i = 0; i < 10; i++) {
            metrics.refused("probe" + i, "csrf"); // names from the URL, as a scanner sends them
        }
        assertThat(outcomes()).containsExactlyEntriesOf(Map.of("csrf", 1L)); // and every point was the function order's
    }

    @Test
    void refusedCodesShareTheBoundOfTheCodesCallsGot() {
        for (int i = 0; i < 40; i++) {
            metrics.called("order", "e" + i, 1);
        }
        metrics.refused("order", "csrf");
        assertThat(outcomes()).doesNotContainKey("csrf").containsEntry(OtelMetrics.OTHER, 10L); // e31..e39, then csrf
    }

    /** @return {@code mizan.calls} of the function {@code order}, by outcome */
    private Map<String, Long> outcomes() {
        Map<String, Long> out = new TreeMap<>();
        for (MetricData m : reader.collectAllMetrics()) {
            if (m.getName().equals("mizan.calls")) {
                for (LongPointData p : m.getLongSumData().getPoints()) {
                    assertThat(p.getAttributes().get(AttributeKey.stringKey("function"))).isEqualTo("order");
                    out.put(p.getAttributes().get(AttributeKey.stringKey("outcome")), p.getValue());
                }
            }
        }
        return out;
    }
}
