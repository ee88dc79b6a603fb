package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.OtlpReceiver;
import dev.mizan.tck.framework.TestProperty;

/**
 * Mizan's counters through the server's MicroProfile Telemetry: the deployment turns the SDK on and
 * exports its metrics every half second over OTLP/HTTP to the TCK's own receiver, which must then
 * see the hits, misses, purges and calls this test makes. Needs a server with MicroProfile Telemetry 2.
 */
@MizanTck
@Tag(MizanTck.MICROPROFILE)
class TelemetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static OtlpReceiver otlp;

    @ArquillianResource
    URL base;

    /** The receiver starts here: Arquillian deploys before any {@code @BeforeAll}, and the deployment exports to it. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        otlp = OtlpReceiver.start();
        String config = """
                otel.sdk.disabled=false
                otel.metrics.exporter=otlp
                otel.traces.exporter=none
                otel.logs.exporter=none
                otel.exporter.otlp.protocol=http/protobuf
                otel.exporter.otlp.endpoint=%s
                otel.metric.export.interval=500
                mizan.limits.max-body=256
                """.formatted(otlp.endpoint());
        return Deployments.war("tck-telemetry", config, Shop.CLASSES);
    }

    @AfterAll
    static void stopReceiver() {
        if (otlp != null) {
            otlp.close();
        }
    }

    @Assertion(id = "telemetry-counters", strategy = "Read stock(t1) twice (miss, hit), call restock(t1) (purges stock),"
            + " read again (miss): the exported mizan.cache.requests, mizan.purges and mizan.calls say exactly that")
    void countersFollowHitsMissesPurgesAndCalls() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.ctx("stock", Map.of("sku", "t1")).header("Mizan-Cache")).hasValue("miss");
        assertThat(http.ctx("stock", Map.of("sku", "t1")).header("Mizan-Cache")).hasValue("hit");
        assertThat(http.call("restock", "{\"sku\":\"t1\",\"qty\":1}").status()).isEqualTo(200);
        assertThat(http.ctx("stock", Map.of("sku", "t1")).header("Mizan-Cache")).hasValue("miss");

        awaitSum("mizan.cache.requests", Map.of("context", "stock", "result", "miss"), 2);
        awaitSum("mizan.cache.requests", Map.of("context", "stock", "result", "hit"), 1);
        awaitSum("mizan.purges", Map.of("context", "stock"), 1);
        awaitSum("mizan.calls", Map.of("function", "restock", "outcome", "ok"), 1);
    }

    @Assertion(id = "telemetry-call-outcomes", strategy = "Call a function that throws a MizanException (409 conflict)"
            + " and one that throws a JAX-RS WebApplicationException (404): mizan.calls counts each under the code the"
            + " caller got, conflict and not_found, not internal")
    void callOutcomesAreTheCodesTheCallerGot() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.call("conflict", "{}").status()).isEqualTo(409);
        assertThat(http.call("upstream", "{\"status\":404}").status()).isEqualTo(404);

        awaitSum("mizan.calls", Map.of("function", "conflict", "outcome", "conflict"), 1);
        awaitSum("mizan.calls", Map.of("function", "upstream", "outcome", "not_found"), 1);
        assertThat(otlp.sum("mizan.calls", Map.of("function", "upstream", "outcome", "internal"))).isZero();
    }

    @Assertion(id = "telemetry-refused-calls", strategy = "Call known functions and have Mizan refuse each before it runs:"
            + " no CSRF token, a text/plain body, a body that is not JSON, a query that is not UTF-8, a body over max-body;"
            + " and call an unknown name without a token: mizan.calls counts each refusal under its function and the code"
            + " the caller got (csrf, unsupported_media_type, bad_request, payload_too_large), and has no series for the"
            + " unknown name")
    void refusedCallsCountUnderTheCodeTheCallerGot() {
        HttpTck http = HttpTck.of(base);
        String token = http.csrfToken();
        assertThat(http.callRaw("noSuchFunction", "application/json", "{}").status()).isEqualTo(403);
        assertThat(http.callRaw("sell", "application/json", "{\"sku\":\"t2\"}").status()).isEqualTo(403);
        assertThat(http.callRaw("touch", "text/plain", "{\"sku\":\"t2\"}", HttpTck.CSRF_HEADER, token).status()).isEqualTo(415);
        assertThat(http.callRaw("clearStock", "application/json", "{", HttpTck.CSRF_HEADER, token).status()).isEqualTo(400);
        String large = "{\"sku\":\"" + "x".repeat(1024) + "\",\"qty\":1}"; // the deployment's max-body is 256
        assertThat(http.callRaw("restock", "application/json", large, HttpTck.CSRF_HEADER, token).status()).isEqualTo(413);
        assertThat(http.post("mizan/call/greet?x=%FF", "application/json", "{}", HttpTck.CSRF_HEADER, token).status())
                .isEqualTo(400);

        awaitSum("mizan.calls", Map.of("function", "sell", "outcome", "csrf"), 1);
        awaitSum("mizan.calls", Map.of("function", "touch", "outcome", "unsupported_media_type"), 1);
        awaitSum("mizan.calls", Map.of("function", "clearStock", "outcome", "bad_request"), 1);
        awaitSum("mizan.calls", Map.of("function", "greet", "outcome", "bad_request"), 1);
        awaitSum("mizan.calls", Map.of("function", "restock", "outcome", "payload_too_large"), 1);
        // refused first, so exported with the counts above at the latest
        assertThat(otlp.sums().keySet()).as("%s", otlp.sums()).noneMatch(k -> k.contains("noSuchFunction"));
    }

    private static void awaitSum(String metric, Map<String, String> attributes, long expected) {
        long deadline = System.nanoTime() + (long) (WAIT.toNanos() * TestProperty.TIMEOUT_FACTOR.asDouble());
        while (otlp.sum(metric, attributes) != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(otlp.sum(metric, attributes)).as("%s%s among the exported counters %s", metric, attributes, otlp.sums())
                .isEqualTo(expected);
    }
}
