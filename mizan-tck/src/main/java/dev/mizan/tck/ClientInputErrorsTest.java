package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import dev.mizan.tck.framework.TestProperty;

/**
 * Malformed client input that the JAX-RS runtime would refuse before Mizan runs still gets Mizan's JSON
 * error (docs/reference/protocol.md, "Errors"; docs/reference/security.md, "Errors"): an empty or unparseable
 * {@code Content-Type} on a call, a URL whose percent-encoding is not UTF-8.
 */
@MizanTck
class ClientInputErrorsTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-input", Shop.CLASSES);
    }

    private static void assertJsonError(Reply r, int status, String code, String what) {
        assertThat(r.status()).as("%s: %s", what, r).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("%s: %s", what, r).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.errorCode()).as("%s: %s", what, r).isEqualTo(code);
        assertThat(r.header("Mizan-Protocol")).as(what).hasValue("1");
        assertThat(r.header("Mizan-Schema")).as("%s: every Mizan response names the schema", what)
                .hasValueSatisfying(h -> assertThat(h).matches("[0-9a-f]{64}"));
    }

    @Assertion(id = "input-call-content-type", strategy = "A call whose Content-Type is empty or unparseable (';', "
            + "'a/b/c;;x', 'application/') is 415 unsupported_media_type as JSON, not the runtime's HTML 400")
    void unparseableContentTypeIs415() {
        HttpTck http = HttpTck.of(base);
        String token = http.csrfToken();
        for (String type : new String[] {"", ";", "a/b/c;;x", "application/", "application/json; charset"}) {
            Reply r = http.callRaw("whoami", type, "{}", HttpTck.CSRF_HEADER, token);
            assertJsonError(r, 415, "unsupported_media_type", "Content-Type '" + type + "'");
        }
        assertThat(http.callRaw("whoami", "application/json; charset=utf-8", "{}", HttpTck.CSRF_HEADER, token).status())
                .as("a well-formed JSON type still passes").isEqualTo(200);
    }

    /** A response Mizan wrote: JSON, with the protocol header; never the runtime's HTML page. */
    private static void assertMizanJson(Reply r, String what) {
        assertThat(r.header("Content-Type")).as("%s: %s", what, r).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.header("Mizan-Protocol")).as("%s: %s", what, r).hasValue("1");
        assertThat(r.jsonValue()).as("%s: %s", what, r).isNotNull();
    }

    @Assertion(id = "input-malformed-headers", strategy = "A call whose Content-Type the runtime cannot parse (an unbalanced"
            + " quote, a parameter without a name, a list), or that carries two, is 415 unsupported_media_type as JSON; a read"
            + " or a call whose Accept it cannot parse is answered in JSON: never the runtime's HTML 400")
    void malformedHeadersAreAnsweredInJson() {
        HttpTck http = HttpTck.of(base);
        String token = http.csrfToken();
        for (String type : new String[] {"application/json; charset=\"utf-8", "application/json; =utf-8",
            "application/json; a b=c", "application/json; charset=utf-8, text/plain", "application/json; charset=\"utf\\\"-8\""}) {
            Reply r = http.callRaw("whoami", type, "{}", HttpTck.CSRF_HEADER, token);
            assertJsonError(r, 415, "unsupported_media_type", "Content-Type '" + type + "'");
        }
        for (String type : new String[] {"application/json;", "application/json ; charset=utf-8", "application/json;charset=\"UTF-8\""}) {
            Reply r = http.callRaw("whoami", type, "{}", HttpTck.CSRF_HEADER, token);
            assertThat(r.status()).as("well-formed Content-Type '%s': %s", type, r).isEqualTo(200);
        }
        Reply twice = http.callRaw("whoami", "application/json", "{}", HttpTck.CSRF_HEADER, token, "Content-Type", "application/json");
        assertJsonError(twice, 415, "unsupported_media_type", "two Content-Type headers");
        for (String accept : new String[] {"application/json;q=x", ";", "a/b/c", "application/json; =x", "text/html;;", "*/*; q=\"1"}) {
            assertMizanJson(http.ctx("greeting", "Accept", accept), "a read with Accept '" + accept + "'");
            assertMizanJson(http.callRaw("whoami", "application/json", "{}", HttpTck.CSRF_HEADER, token, "Accept", accept),
                    "a call with Accept '" + accept + "'");
        }
    }

    @Assertion(id = "input-read-content-type", strategy = "A read that carries an unparseable Content-Type is answered "
            + "as if it had none")
    void readIgnoresABadContentType() {
        Reply r = HttpTck.of(base).ctx("greeting", "Content-Type", ";");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Assertion(id = "input-bad-percent-encoding", strategy = "A Mizan URL with %FF (not UTF-8) is 400 bad_request as JSON,"
            + " for reads and calls; only on Payara (mizan.tck.runtime=payara), which refuses such a path itself before any"
            + " application code runs, may a %FF in the path be an empty 400; never an HTML page")
    void malformedPercentEncodingIs400() {
        HttpTck http = HttpTck.of(base);
        assertRefusedUrl(http.get("mizan/ctx/gr%FFeeting"), "GET ctx/gr%FFeeting", true);
        assertRefusedUrl(http.get("mizan/ctx/greeting?x=%FF"), "GET ctx/greeting?x=%FF", false);
        String token = http.csrfToken();
        assertRefusedUrl(http.callRaw("%FF", "application/json", "{}", HttpTck.CSRF_HEADER, token), "POST call/%FF", true);
    }

    /**
     * @param inPath the bad encoding is in the path, which Payara (6.2025.10) refuses itself with an empty 400; a bad
     *               query reaches Mizan there too, as every URL does on WildFly and Open Liberty
     */
    private static void assertRefusedUrl(Reply r, String what, boolean inPath) {
        boolean serverRefuses = inPath && TestProperty.RUNTIME.is("payara");
        if (serverRefuses && r.body().isEmpty()) {
            assertThat(r.status()).as("%s: %s", what, r).isEqualTo(400);
        } else {
            assertJsonError(r, 400, "bad_request", what);
        }
    }
}
