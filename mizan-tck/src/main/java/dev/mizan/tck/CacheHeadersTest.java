package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/** docs/internals/cache-design.md: HTTP cache headers for PUBLIC and USER contexts, and the per-user cache. */
@MizanTck
class CacheHeadersTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-headers", Shop.CLASSES);
    }

    /** Cache-Control directives, lower-cased, spaces removed. */
    private static Set<String> directives(Reply r) {
        String cc = r.header("Cache-Control").orElseThrow(() -> new AssertionError("no Cache-Control: " + r));
        return Arrays.stream(cc.split(",")).map(d -> d.trim().toLowerCase(Locale.ROOT).replace(" ", ""))
                .collect(Collectors.toSet());
    }

    private static Set<String> tokens(Reply r, String header) {
        return r.headers(header).stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Assertion(id = "headers-public-ttls", strategy = "PUBLIC with browserMaxAge PT10S, edgeMaxAge PT5M, swr PT1M: public, max-age=10, s-maxage=300, stale-while-revalidate=60")
    void publicCacheControl() {
        Reply r = HttpTck.of(base).ctx("greeting");
        assertThat(directives(r)).contains("public", "max-age=10", "s-maxage=300", "stale-while-revalidate=60");
    }

    @Assertion(id = "headers-public-defaults", strategy = "PUBLIC without TTL members: public, max-age=0, s-maxage=0")
    void publicDefaults() {
        Reply r = HttpTck.of(base).ctx("stock", Map.of("sku", "h1"));
        assertThat(directives(r)).contains("public", "max-age=0", "s-maxage=0");
    }

    @Assertion(id = "headers-public-tag", strategy = "PUBLIC responses carry Cache-Tag naming mizan-ctx-<name>")
    void publicCacheTag() {
        Reply r = HttpTck.of(base).ctx("greeting");
        assertThat(r.header("Cache-Tag")).isPresent();
        assertThat(tokens(r, "Cache-Tag")).contains("mizan-ctx-greeting");
    }

    @Assertion(id = "headers-user-private", strategy = "USER responses: private, no-cache; Vary names Cookie and Authorization; no tag")
    void userCacheControl() {
        Reply r = HttpTck.of(base).basic("alice").ctx("me");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(directives(r)).contains("private", "no-cache").doesNotContain("public");
        assertThat(tokens(r, "Vary")).contains("cookie", "authorization");
        assertThat(r.header("Cache-Tag")).isEmpty();
    }

    @Assertion(id = "headers-user-anonymous", strategy = "An anonymous USER read is private too, never public")
    void anonymousUserReadIsPrivate() {
        Reply r = HttpTck.of(base).ctx("me");
        assertThat(directives(r)).contains("private").doesNotContain("public");
    }

    @Assertion(id = "user-isolation", strategy = "alice and bob read the same USER context: each sees only their own data, from their own entry")
    void usersAreIsolated() {
        HttpTck alice = HttpTck.of(base).basic("alice");
        HttpTck bob = HttpTck.of(base).basic("bob");
        Map<String, String> fresh = Map.of("tag", "isolation-" + System.nanoTime());
        Reply a1 = alice.ctx("me", fresh);
        Reply b1 = bob.ctx("me", fresh);
        Reply a2 = alice.ctx("me", fresh);
        Reply b2 = bob.ctx("me", fresh);
        assertThat(a1.json().getString("user")).isEqualTo("alice");
        assertThat(b1.json().getString("user")).isEqualTo("bob");
        assertThat(a2.json().getString("user")).isEqualTo("alice");
        assertThat(b2.json().getString("user")).isEqualTo("bob");
        assertThat(a1.header("Mizan-Cache")).contains("miss");
        assertThat(b1.header("Mizan-Cache")).as("bob must not get alice's entry").contains("miss");
        assertThat(a2.header("Mizan-Cache")).contains("hit");
        assertThat(b2.header("Mizan-Cache")).contains("hit");
        assertThat(a2.body()).isEqualTo(a1.body());
    }

    @Assertion(id = "user-isolation-bearer", strategy = "The USER entry follows the principal, not the auth scheme: Bearer demo-alice sees alice")
    void principalNotSchemeKeysTheEntry() {
        Reply r = HttpTck.of(base).bearer("demo-alice").ctx("me");
        assertThat(r.json().getString("user")).isEqualTo("alice");
    }

    @Assertion(id = "user-anonymous-bypass", strategy = "Anonymous USER reads bypass the cache: bypass twice, recomputed each time")
    void anonymousUserReadsBypass() {
        HttpTck http = HttpTck.of(base);
        Reply a = http.ctx("me");
        Reply b = http.ctx("me");
        assertThat(a.header("Mizan-Cache")).contains("bypass");
        assertThat(b.header("Mizan-Cache")).contains("bypass");
        assertThat(a.json().containsKey("user")).isFalse();
        assertThat(b.body()).isNotEqualTo(a.body());
    }

    @Assertion(id = "headers-call-no-store", strategy = "Call responses are Cache-Control: no-store")
    void callIsNoStore() {
        Reply r = HttpTck.of(base).call("greet", "{\"name\":\"x\",\"times\":1}");
        assertThat(directives(r)).contains("no-store");
    }
}
