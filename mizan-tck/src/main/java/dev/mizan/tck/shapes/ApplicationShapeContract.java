package dev.mizan.tck.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.jboss.arquillian.test.api.ArquillianResource;

import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.Reply;

/**
 * docs/reference/protocol.md: whatever the application's own JAX-RS setup, Mizan answers under its root only, and
 * the application's own resources answer unchanged. Each subclass deploys one shape.
 */
abstract class ApplicationShapeContract {

    @ArquillianResource
    URL base;

    /** @return where Mizan is served in this shape, e.g. {@code mizan} */
    abstract String mizanRoot();

    /** @return a path where Mizan must NOT answer in this shape */
    abstract String foreignRoot();

    HttpTck mizan() {
        return HttpTck.of(base).mizanRoot(mizanRoot());
    }

    @Assertion(id = "shape-served", strategy = "A context is served under Mizan's root with Mizan-Protocol")
    void servedUnderMizanRoot() {
        Reply r = mizan().ctx("hello");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body().strip()).isEqualTo("\"hi\"");
        assertThat(r.header("Mizan-Protocol")).contains("1");
    }

    @Assertion(id = "shape-call", strategy = "A call with the CSRF flow works under Mizan's root")
    void callUnderMizanRoot() {
        Reply r = mizan().call("shout", "{\"text\":\"hey\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().getString("result")).isEqualTo("HEY");
    }

    @Assertion(id = "shape-not-elsewhere", strategy = "Mizan's endpoints answer 404 (without Mizan headers) outside its root")
    void notServedElsewhere() {
        HttpTck http = HttpTck.of(base);
        for (String path : new String[] {"ctx/hello", "session", "call/shout"}) {
            Reply r = http.get(foreignRoot() + "/" + path);
            assertThat(r.status()).as("GET %s/%s: %s", foreignRoot(), path, r).isEqualTo(404);
            assertThat(r.header("Mizan-Protocol")).as("GET %s/%s", foreignRoot(), path).isEmpty();
        }
    }
}
