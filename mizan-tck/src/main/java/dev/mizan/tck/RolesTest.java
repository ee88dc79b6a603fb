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

/** docs/reference/annotations.md: @RolesAllowed / @DenyAll enforced by Mizan on contexts and functions. */
@MizanTck
class RolesTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-roles", Shop.CLASSES);
    }

    private static void assertError(Reply r, int status, String code) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.errorCode()).isEqualTo(code);
    }

    @Assertion(id = "roles-ctx-401", strategy = "@RolesAllowed context read anonymously: 401 unauthenticated")
    void contextUnauthenticated() {
        assertError(HttpTck.of(base).ctx("adminReport"), 401, "unauthenticated");
    }

    @Assertion(id = "roles-ctx-403", strategy = "@RolesAllowed(admin) context read by bob (role user): 403 forbidden")
    void contextForbidden() {
        assertError(HttpTck.of(base).basic("bob").ctx("adminReport"), 403, "forbidden");
    }

    @Assertion(id = "roles-ctx-allowed", strategy = "@RolesAllowed(admin) context read by alice: 200")
    void contextAllowed() {
        Reply r = HttpTck.of(base).basic("alice").ctx("adminReport");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body()).contains("report for alice");
    }

    @Assertion(id = "roles-ctx-denyall", strategy = "@DenyAll context read by alice (admin): 403 forbidden")
    void contextDenyAll() {
        assertError(HttpTck.of(base).basic("alice").ctx("sealed"), 403, "forbidden");
    }

    @Assertion(id = "roles-before-etag", strategy = "Role check precedes the cache and ETag evaluation: bob, with the ETag"
            + " alice got for an admin-only context whose body is the same for every caller, gets 403, not 304, and"
            + " nothing is computed for him")
    void rolesBeforeEtag() {
        HttpTck http = HttpTck.of(base);
        Reply alice = http.basic("alice").ctx("adminNotice");
        assertThat(alice.status()).as("%s", alice).isEqualTo(200);
        String etag = alice.header("ETag").orElseThrow();
        long fills = noticeFills(http);
        assertError(http.basic("bob").ctx("adminNotice", "If-None-Match", etag), 403, "forbidden");
        assertThat(noticeFills(http)).as("adminNotice computed for bob").isEqualTo(fills);
    }

    private static long noticeFills(HttpTck http) {
        Reply r = http.ctx("adminNoticeFills");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return Long.parseLong(r.body().strip());
    }

    @Assertion(id = "roles-before-binding", strategy = "Role check precedes binding: an admin-only context read and function"
            + " call with a param they do not have answer 401 anonymously and 403 to bob, never 400 (alice gets the 400)")
    void rolesBeforeBinding() {
        HttpTck http = HttpTck.of(base);
        assertError(http.ctxRaw("adminReport", "zzz=1"), 401, "unauthenticated");
        assertError(http.basic("bob").ctxRaw("adminReport", "zzz=1"), 403, "forbidden");
        assertError(http.basic("alice").ctxRaw("adminReport", "zzz=1"), 400, "invalid_params");
        assertError(http.call("purgeAll", "{\"zzz\":1}"), 401, "unauthenticated");
        assertError(http.bearer("demo-bob").call("purgeAll", "{\"zzz\":1}"), 403, "forbidden");
        assertError(http.bearer("demo-alice").call("purgeAll", "{\"zzz\":1}"), 400, "invalid_params");
    }

    @Assertion(id = "roles-call-401", strategy = "@RolesAllowed function called anonymously (valid CSRF): 401 unauthenticated")
    void callUnauthenticated() {
        assertError(HttpTck.of(base).call("purgeAll", "{}"), 401, "unauthenticated");
    }

    @Assertion(id = "roles-call-403", strategy = "@RolesAllowed(admin) function called by bob: 403 forbidden")
    void callForbidden() {
        assertError(HttpTck.of(base).bearer("demo-bob").call("purgeAll", "{}"), 403, "forbidden");
    }

    @Assertion(id = "roles-call-allowed", strategy = "@RolesAllowed(admin) function called by alice: 200")
    void callAllowed() {
        Reply r = HttpTck.of(base).bearer("demo-alice").call("purgeAll", "{}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().getString("result")).isEqualTo("purged by alice");
    }

    @Assertion(id = "roles-call-denyall", strategy = "@DenyAll function called by alice: 403 forbidden")
    void callDenyAll() {
        assertError(HttpTck.of(base).bearer("demo-alice").call("forbidden", "{}"), 403, "forbidden");
    }
}
