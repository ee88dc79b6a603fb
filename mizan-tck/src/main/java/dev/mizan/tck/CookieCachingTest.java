package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.cookies.CookieMakingFilter;
import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/**
 * A Mizan response that carries a cookie is {@code private, no-store}, whoever adds the cookie: the
 * container (a new session), an application filter ({@code addCookie}, a raw header) or Mizan itself
 * (docs/reference/protocol.md; docs/reference/security.md, "Cookies and caching"). Otherwise a shared cache that
 * honours {@code s-maxage} would hand one visitor's session to the next.
 */
@MizanTck
class CookieCachingTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        WebArchive war = Deployments.war("tck-cookies", Shop.CLASSES);
        return war.addClass(CookieMakingFilter.class);
    }

    private static Set<String> directives(Reply r) {
        String cc = r.header("Cache-Control").orElseThrow(() -> new AssertionError("no Cache-Control: " + r));
        return Arrays.stream(cc.split(",")).map(d -> d.trim().toLowerCase(Locale.ROOT).replace(" ", ""))
                .collect(Collectors.toSet());
    }

    private static void assertNotStored(Reply r, String what) {
        assertThat(r.status()).as("%s: %s", what, r).isEqualTo(200);
        assertThat(r.headers("Set-Cookie")).as("%s sets a cookie", what).isNotEmpty();
        assertThat(directives(r)).as("%s: %s", what, r.headers()).contains("private", "no-store")
                .doesNotContain("public").noneMatch(d -> d.startsWith("s-maxage") || d.startsWith("max-age="));
    }

    @Assertion(id = "cookies-public-container-session", strategy = "An edge-cacheable PUBLIC read during which the "
            + "container creates a session (JSESSIONID) is private, no-store")
    void publicReadWithAContainerSessionCookie() {
        assertNotStored(HttpTck.of(base).ctx("greeting", "X-Tck-Cookie", "session"), "container session cookie");
    }

    @Assertion(id = "cookies-public-app-cookie", strategy = "A PUBLIC read whose servlet response got a cookie from an "
            + "application filter (addCookie, or a raw Set-Cookie header) is private, no-store")
    void publicReadWithAnApplicationCookie() {
        assertNotStored(HttpTck.of(base).ctx("greeting", "X-Tck-Cookie", "cookie"), "addCookie");
        assertNotStored(HttpTck.of(base).ctx("greeting", "X-Tck-Cookie", "header"), "Set-Cookie header");
    }

    @Assertion(id = "cookies-user-session", strategy = "A USER read that sets a session cookie is private, no-store, "
            + "not private, no-cache")
    void userReadWithASessionCookie() {
        assertNotStored(HttpTck.of(base).basic("alice").ctx("me", "X-Tck-Cookie", "session"), "USER read");
    }

    @Assertion(id = "cookies-revalidated-keeps-rule", strategy = "A 304 answer that sets a cookie carries Cache-Control: "
            + "private, no-store (none at all would let a shared cache keep the stored public policy)")
    void notModifiedWithACookie() throws Exception {
        // HTTP/1.1: Open Liberty 25 stalls a 304 that sets a cookie over h2c, which java.net.http upgrades to
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI greeting = HttpTck.of(base).base().resolve("mizan/ctx/greeting");
        String etag = http11.send(HttpRequest.newBuilder(greeting).build(), BodyHandlers.discarding())
                .headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> r = http11.send(HttpRequest.newBuilder(greeting).timeout(Duration.ofSeconds(20))
                .header("If-None-Match", etag).header("X-Tck-Cookie", "session").build(), BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s", r.headers()).isEqualTo(304);
        assertThat(r.headers().allValues("Set-Cookie")).as("the container's session cookie").isNotEmpty();
        // required: a shared cache revalidating its stored public copy merges the 304's headers into it
        // (RFC 9111 4.3.4), so only a Cache-Control on the 304 itself takes the public policy away
        Reply reply = new Reply(r.statusCode(), r.headers(), r.body());
        assertThat(directives(reply)).as("%s", r.headers()).contains("private", "no-store").doesNotContain("public");
    }

    @Assertion(id = "cookies-none-stays-public", strategy = "Without a cookie the same read stays public with its s-maxage, "
            + "and a client holding its session is not sent a new cookie nor downgraded")
    void withoutACookieTheReadStaysPublic() {
        HttpTck client = HttpTck.of(base);
        Reply plain = client.ctx("greeting");
        assertThat(plain.headers("Set-Cookie")).isEmpty();
        assertThat(directives(plain)).contains("public", "s-maxage=300");

        assertThat(client.ctx("greeting", "X-Tck-Cookie", "session").headers("Set-Cookie")).isNotEmpty();
        Reply again = client.ctx("greeting", "X-Tck-Cookie", "session"); // the session exists now: no new cookie
        assertThat(again.headers("Set-Cookie")).as("%s", again.headers()).isEmpty();
        assertThat(directives(again)).contains("public", "s-maxage=300");
    }
}
