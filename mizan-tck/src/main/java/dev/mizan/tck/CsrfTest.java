package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Locale;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.session.SessionStarterServlet;
import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/** docs/reference/protocol.md: signed double-submit CSRF on calls, the session endpoint, cross-site refusal. */
@MizanTck
class CsrfTest {

    private static final String NAME = "tck-csrf";
    private static final String GREET = "{\"name\":\"x\",\"times\":1}";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(NAME, Shop.CLASSES).addClass(SessionStarterServlet.class);
    }

    private static void assertCsrf(Reply r) {
        assertThat(r.status()).as("%s", r).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("csrf");
    }

    private static String csrfCookieHeader(Reply r) {
        List<String> cookies = r.headers("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("mizan-csrf=")).findFirst()
                .orElseThrow(() -> new AssertionError("no mizan-csrf cookie set: " + cookies));
    }

    @Assertion(id = "csrf-session-body", strategy = "GET session: {csrfToken: non-blank string, user: null} for an anonymous caller")
    void sessionBody() {
        Reply r = HttpTck.of(base).session();
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().getString("csrfToken")).isNotBlank();
        assertThat(r.json().isNull("user")).isTrue();
    }

    @Assertion(id = "csrf-session-user", strategy = "GET session with Basic alice names the user")
    void sessionNamesUser() {
        assertThat(HttpTck.of(base).basic("alice").session().json().getString("user")).isEqualTo("alice");
    }

    @Assertion(id = "csrf-cookie-attributes", strategy = "On plain HTTP the cookie is mizan-csrf=<token>; HttpOnly; SameSite=Strict; Path=<context root>")
    void cookieAttributes() {
        Reply r = HttpTck.of(base).session();
        String cookie = csrfCookieHeader(r);
        String lower = cookie.toLowerCase(Locale.ROOT).replace(" ", "");
        assertThat(cookie).startsWith("mizan-csrf=" + r.json().getString("csrfToken"));
        assertThat(lower).contains(";httponly").contains(";samesite=strict");
        assertThat(lower).containsPattern(";path=/" + NAME + "/?(;|$)");
        assertThat(lower).doesNotContain(";secure");
    }

    @Assertion(id = "csrf-valid", strategy = "Cookie plus matching Mizan-CSRF header: the call runs (200)")
    void validTokenPasses() {
        Reply r = HttpTck.of(base).call("greet", GREET);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Assertion(id = "csrf-missing-header", strategy = "Cookie but no Mizan-CSRF header: 403 csrf")
    void missingHeader() {
        HttpTck http = HttpTck.of(base);
        http.session();
        assertCsrf(http.callRaw("greet", "application/json", GREET));
    }

    @Assertion(id = "csrf-no-cookie", strategy = "No cookie and no header, no Authorization: 403 csrf")
    void nothingAtAll() {
        assertCsrf(HttpTck.of(base).withoutCookies().callRaw("greet", "application/json", GREET));
    }

    @Assertion(id = "csrf-wrong-token", strategy = "Header differing from the cookie: 403 csrf")
    void wrongToken() {
        HttpTck http = HttpTck.of(base);
        String token = http.csrfToken();
        assertCsrf(http.callRaw("greet", "application/json", GREET, HttpTck.CSRF_HEADER, token + "x"));
    }

    @Assertion(id = "csrf-forged-pair", strategy = "A self-made cookie with an equal header but no valid HMAC: 403 csrf")
    void forgedPair() {
        HttpTck http = HttpTck.of(base).withoutCookies();
        String forged = "AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        assertCsrf(http.callRaw("greet", "application/json", GREET,
                "Cookie", "mizan-csrf=" + forged, HttpTck.CSRF_HEADER, forged));
    }

    @Assertion(id = "csrf-duplicate-cookie", strategy = "Two cookies of the CSRF name (one planted by a sibling subdomain, sent"
            + " first): the call passes with the header equal to the valid one, and fails with the header equal to neither")
    void aPlantedCookieOfTheSameNameLocksNobodyOut() {
        String token = HttpTck.of(base).csrfToken();
        String planted = "AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        HttpTck http = HttpTck.of(base).withoutCookies();
        String cookies = "mizan-csrf=" + planted + "; mizan-csrf=" + token;
        Reply r = http.callRaw("greet", "application/json", GREET, "Cookie", cookies, HttpTck.CSRF_HEADER, token);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertCsrf(http.callRaw("greet", "application/json", GREET, "Cookie", cookies, HttpTck.CSRF_HEADER, token + "x"));
        assertCsrf(http.callRaw("greet", "application/json", GREET, "Cookie", cookies, HttpTck.CSRF_HEADER, planted));
    }

    @Assertion(id = "csrf-token-other-client", strategy = "Another client's valid token, bound to that client's session,"
            + " as cookie and header from a client with a session of its own: 403 csrf")
    void otherClientsToken() {
        // both with a session: an anonymous client's token is bound to no session and valid for any such client
        HttpTck victim = HttpTck.of(base);
        assertThat(victim.get("start-session?mark=victim").body()).isEqualTo("started");
        String victims = victim.csrfToken();
        assertThat(victim.call("greet", GREET).status()).as("the victim's own call").isEqualTo(200);
        HttpTck mallory = HttpTck.of(base);
        assertThat(mallory.get("start-session?mark=mallory").body()).isEqualTo("started");
        // cookie equal to the header: only the token's binding to the victim's session can refuse it
        mallory.plantCookie("mizan-csrf", victims);
        assertCsrf(mallory.callRaw("greet", "application/json", GREET, HttpTck.CSRF_HEADER, victims));
    }

    @Assertion(id = "csrf-bogus-bearer-with-cookies", strategy = "A Bearer header riding along with cookies does not exempt the call: 403 csrf")
    void bearerWithCookiesNeedsToken() {
        HttpTck http = HttpTck.of(base);
        http.session();
        assertCsrf(http.callRaw("greet", "application/json", GREET, "Authorization", "Bearer demo-alice"));
    }

    @Assertion(id = "csrf-bearer-exempt", strategy = "Bearer without any cookie: the call runs without a CSRF header")
    void bearerWithoutCookiesIsExempt() {
        Reply r = HttpTck.of(base).bearer("demo-alice").callRaw("whoami", "application/json", "{}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().getString("result")).isEqualTo("alice");
    }

    @Assertion(id = "csrf-cross-site-origin-call", strategy = "A valid token but Origin of another site: 403 on call")
    void crossSiteOriginOnCall() {
        HttpTck http = HttpTck.of(base);
        Reply r = http.call("greet", GREET, "Origin", "https://evil.example");
        assertThat(r.status()).as("%s", r).isEqualTo(403);
    }

    @Assertion(id = "csrf-cross-site-fetch-call", strategy = "A valid token but Sec-Fetch-Site: cross-site: 403 on call; same-origin passes")
    void crossSiteFetchOnCall() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.call("greet", GREET, "Sec-Fetch-Site", "cross-site").status()).isEqualTo(403);
        assertThat(http.call("greet", GREET, "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
    }

    @Assertion(id = "csrf-cross-site-session", strategy = "GET session cross-site (Origin or Sec-Fetch-Site): 403 and no token cookie")
    void crossSiteSession() {
        Reply byOrigin = HttpTck.of(base).mizan("session", "Origin", "https://evil.example");
        Reply byFetch = HttpTck.of(base).mizan("session", "Sec-Fetch-Site", "cross-site");
        assertThat(byOrigin.status()).isEqualTo(403);
        assertThat(byFetch.status()).isEqualTo(403);
        assertThat(byOrigin.body()).doesNotContain("csrfToken");
        assertThat(byOrigin.headers("Set-Cookie")).noneMatch(c -> c.startsWith("mizan-csrf="));
    }
}
