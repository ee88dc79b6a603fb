package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.tck.fixtures.events.BoardApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** docs/reference/config.md: mizan.events.enabled=false turns GET /events off; calls still work. */
@MizanTck
class EventsDisabledTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-events-off", "mizan.events.enabled=false", BoardApi.class);
    }

    @Assertion(id = "events-disabled", strategy = "mizan.events.enabled=false: GET /events is a 404 JSON error, calls still answer")
    void disabled() {
        Reply r = HttpTck.of(base).get("mizan/events", "Accept", "text/event-stream");
        assertThat(r.status()).as("%s", r).isEqualTo(404);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(HttpTck.of(base).bearer("demo-alice").call("clear", "{}").status()).isEqualTo(200);
    }
}
