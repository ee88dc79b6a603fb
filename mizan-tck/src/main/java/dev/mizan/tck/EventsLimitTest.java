package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.tck.fixtures.events.BoardApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.EventStream;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** docs/reference/protocol.md, GET /events: mizan.events.max-streams and mizan.events.enabled. */
@MizanTck
class EventsLimitTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-events-limit", "mizan.events.max-streams=2\nmizan.events.heartbeat=PT1S", BoardApi.class);
    }

    @Assertion(id = "events-max-streams", strategy = "with mizan.events.max-streams=2, a third stream is 503 unavailable JSON with Retry-After; a closed stream frees its place")
    void limit() throws Exception {
        URI events = HttpTck.of(base).base().resolve("mizan/events");
        try (EventStream one = EventStream.open(events, null); EventStream two = EventStream.open(events, null)) {
            assertThat(one.status()).isEqualTo(200);
            assertThat(two.status()).isEqualTo(200);
            Reply third = HttpTck.of(base).get("mizan/events", "Accept", "text/event-stream");
            assertThat(third.status()).as("%s", third).isEqualTo(503);
            assertThat(third.errorCode()).isEqualTo("unavailable");
            assertThat(third.header("Retry-After")).isPresent();
            assertThat(third.header("Content-Type").orElse("")).startsWith("application/json");
        }
        // the server notices a closed stream at its next write (a heartbeat at the latest): wait for it
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        do {
            Thread.sleep(500);
            try (EventStream again = EventStream.open(events, null)) {
                status = again.status();
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }
}
