package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/** docs/reference/protocol.md: protocol headers on every response, 404 codes, errors always JSON. */
@MizanTck
class ProtocolTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-protocol", Shop.CLASSES);
    }

    private static void assertProtocolHeaders(Reply r) {
        assertThat(r.header("Mizan-Protocol")).as("Mizan-Protocol on %s", r).contains("1");
        assertThat(r.header("Mizan-Schema")).as("Mizan-Schema on %s", r).hasValueSatisfying(
                h -> assertThat(h).isNotBlank());
    }

    private static void assertJsonError(Reply r, int status, String code) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("content type of %s", r)
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.error().getString("message")).isNotBlank();
        assertThat(r.body()).doesNotContain("<html", "<HTML");
    }

    @Assertion(id = "proto-headers-ctx", strategy = "A 200 context read carries Mizan-Protocol: 1 and Mizan-Schema")
    void headersOnContextRead() {
        Reply r = HttpTck.of(base).ctx("greeting");
        assertThat(r.status()).isEqualTo(200);
        assertProtocolHeaders(r);
    }

    @Assertion(id = "proto-headers-304", strategy = "A 304 answer to If-None-Match carries the protocol headers")
    void headersOnNotModified() {
        HttpTck http = HttpTck.of(base);
        String etag = http.ctx("greeting").header("ETag").orElseThrow();
        Reply r = http.ctx("greeting", "If-None-Match", etag);
        assertThat(r.status()).isEqualTo(304);
        assertProtocolHeaders(r);
    }

    @Assertion(id = "proto-headers-errors", strategy = "400, 404 and 415 errors carry the protocol headers")
    void headersOnErrors() {
        HttpTck http = HttpTck.of(base);
        Reply invalid = http.ctx("echo");
        assertThat(invalid.status()).as("%s", invalid).isEqualTo(400);
        assertProtocolHeaders(invalid);
        Reply unknown = http.ctx("noSuchContext");
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
        assertProtocolHeaders(unknown);
        // Bearer without cookies is exempt from CSRF: a cookie client would get 403 csrf before the media type is read
        Reply unsupported = http.bearer("demo-bob").callRaw("greet", "text/plain", "{}");
        assertThat(unsupported.status()).as("%s", unsupported).isEqualTo(415);
        assertProtocolHeaders(unsupported);
    }

    @Assertion(id = "proto-headers-session-call", strategy = "GET session and a 200 call carry the protocol headers")
    void headersOnSessionAndCall() {
        HttpTck http = HttpTck.of(base);
        assertProtocolHeaders(http.session());
        Reply call = http.call("greet", "{\"name\":\"Ann\",\"times\":1}");
        assertThat(call.status()).isEqualTo(200);
        assertProtocolHeaders(call);
    }

    @Assertion(id = "proto-schema-hash-stable", strategy = "Every response of one deployment names the same schema hash")
    void sameSchemaHashEverywhere() {
        HttpTck http = HttpTck.of(base);
        List<String> hashes = List.of(http.ctx("greeting"), http.ctx("stock", Map.of("sku", "p1")),
                        http.ctx("noSuchContext"), http.session())
                .stream().map(r -> r.header("Mizan-Schema").orElse("<none>")).distinct().toList();
        assertThat(hashes).hasSize(1).doesNotContain("<none>");
    }

    @Assertion(id = "proto-unknown-context", strategy = "GET ctx/<unknown>: 404 unknown_context as JSON")
    void unknownContext() {
        assertJsonError(HttpTck.of(base).ctx("noSuchContext"), 404, "unknown_context");
    }

    @Assertion(id = "proto-unknown-function", strategy = "POST call/<unknown> with a valid CSRF token: 404 unknown_function")
    void unknownFunction() {
        assertJsonError(HttpTck.of(base).call("noSuchFunction", "{}"), 404, "unknown_function");
    }

    @Assertion(id = "proto-error-json", strategy = "invalid_params, unsupported_media_type and csrf errors are JSON with code and message")
    void errorsAreJson() {
        HttpTck http = HttpTck.of(base);
        assertJsonError(http.ctx("echo"), 400, "invalid_params");
        // Bearer without cookies is exempt from CSRF, so the media-type check alone answers.
        assertJsonError(http.bearer("demo-bob").callRaw("greet", "text/plain", "{}"), 415, "unsupported_media_type");
        assertJsonError(http.withoutCookies().callRaw("greet", "application/json", "{}"), 403, "csrf");
    }

    @Assertion(id = "proto-schema-off", strategy = "Without mizan.dev or mizan.schema.enabled, GET schema and manifest are 404")
    void schemaOffByDefault() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.mizan("schema").status()).isEqualTo(404);
        assertThat(http.mizan("manifest").status()).isEqualTo(404);
    }

    @Assertion(id = "proto-ctx-no-session", strategy = "Anonymous context reads set no cookie (ctx never creates a session)")
    void contextReadsCreateNoSession() {
        HttpTck http = HttpTck.of(base);
        Reply pub = http.ctx("stock", Map.of("sku", "p2"));
        Reply user = http.ctx("me");
        assertThat(pub.status()).isEqualTo(200);
        assertThat(user.status()).isEqualTo(200);
        assertThat(pub.headers("Set-Cookie")).isEmpty();
        assertThat(user.headers("Set-Cookie")).isEmpty();
    }

    @Assertion(id = "proto-ctx-body", strategy = "A context's 200 body is its JSON result (a string result is a JSON string)")
    void contextBodyIsTheResult() {
        Reply r = HttpTck.of(base).ctx("greeting");
        assertThat(r.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(r.body().strip()).isEqualTo("\"hello\"");
    }
}
