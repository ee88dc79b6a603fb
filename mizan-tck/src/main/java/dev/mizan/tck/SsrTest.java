package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.tck.fixtures.ssr.SsrApi;
import dev.mizan.tck.fixtures.ssr.SsrApplication;
import dev.mizan.tck.fixtures.ssr.SsrPages;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.EventStream;
import dev.mizan.tck.framework.EventStream.Event;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Server-side rendering through mizan-ssr-node's worker pool (docs/how-to/ssr.md): a JAX-RS resource
 * returns a {@code Page}, the contexts it names are prefetched as a client's GET would read them, and the
 * page carries them as hydration data that no text can break out of. Needs {@code node} on the PATH and
 * {@code mizan.tck.ssrLibs}.
 */
@MizanTck
class SsrTest {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"__MIZAN_SSR_DATA__\">(.*?)</script>", Pattern.DOTALL);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.ssrWar("tck-ssr",
                "mizan.ssr.bundle=classpath:" + SsrApplication.BUNDLE + "\nmizan.ssr.pool.size=1",
                new String[] {SsrApplication.BUNDLE},
                SsrApi.class, SsrApi.Note.class, SsrPages.class, SsrApplication.class);
    }

    @Assertion(id = "ssr-page-rendered", strategy = "a resource method returning a Page answers the bundle's HTML: title, head and body")
    void rendered() {
        Reply r = HttpTck.of(base).get("app/pages/note");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body())
                .contains("<title>TCK &lt;note&gt;</title>")
                .contains("<meta name=\"tck\" content=\"ssr\">")
                .contains("<div id=\"app\" data-mizan-ssr=\"rendered\"><h1>Notes &#38; more</h1>")
                .contains("(3)</p>");
    }

    @Assertion(id = "ssr-data-as-read", strategy = "the page's hydration data holds, under the context's stableKey, what GET /mizan/ctx/{name} answers")
    void dataAsRead() {
        HttpTck http = HttpTck.of(base);
        JsonObject seeded = seeded(script(http.get("app/pages/note")), "ssrNote|{}");
        Reply read = http.ctx("ssrNote");
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(seeded.getJsonObject("data")).isEqualTo(read.json());
    }

    @Assertion(id = "ssr-data-escaped", strategy = "hydration data with </script>, <!-- and U+2028/U+2029 is escaped in the page and parses back unchanged")
    void escaped() {
        Reply r = HttpTck.of(base).get("app/pages/note");
        String raw = script(r);
        assertThat(raw).doesNotContain("<").doesNotContain(">").doesNotContain("\u2028").doesNotContain("\u2029");
        assertThat(r.body()).doesNotContain("<script>window.__pwned");
        assertThat(seeded(raw, "ssrNote|{}").getJsonObject("data").getString("text"))
                .isEqualTo(SsrApi.HOSTILE);
    }

    @Assertion(id = "ssr-user-private", strategy = "a page with a USER context is private, no-store and holds the caller's own data; one without is not")
    void userPagesArePrivate() {
        Reply anonymous = HttpTck.of(base).get("app/pages/note");
        assertThat(anonymous.header("Cache-Control").orElse("")).doesNotContain("no-store").doesNotContain("private");
        Reply alice = HttpTck.of(base).bearer("demo-alice").get("app/pages/mine");
        assertThat(alice.status()).as("%s", alice).isEqualTo(200);
        assertThat(alice.header("Cache-Control")).hasValue("private, no-store");
        assertThat(alice.body()).contains("<p id=\"mine\">owned by alice</p>");
        assertThat(seeded(script(alice), "ssrMine|{}").getString("data")).isEqualTo("owned by alice");
        Reply bob = HttpTck.of(base).bearer("demo-bob").get("app/pages/mine");
        assertThat(bob.body()).contains("owned by bob").doesNotContain("owned by alice");
    }

    @Assertion(id = "ssr-prefetch-refused", strategy = "a page whose prefetch the caller may not read answers Mizan's JSON 401, not a page")
    void prefetchRefused() {
        Reply r = HttpTck.of(base).get("app/pages/mine");
        assertThat(r.status()).as("%s", r).isEqualTo(401);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.errorCode()).isNotBlank();
    }

    @Assertion(id = "ssr-prefetch-role-first", strategy = "a prefetch whose params are malformed answers 401 to a caller without the role, as GET /mizan/ctx does, and 400 to one with it")
    void prefetchRoleCheckedBeforeParams() {
        Reply page = HttpTck.of(base).get("app/pages/mine-bad-params");
        Reply read = HttpTck.of(base).ctxRaw("ssrMine", "nope=1");
        assertThat(read.status()).as("%s", read).isEqualTo(401);
        assertThat(page.status()).as("%s", page).isEqualTo(401);
        assertThat(page.errorCode()).isEqualTo(read.errorCode());
        Reply alice = HttpTck.of(base).bearer("demo-alice").get("app/pages/mine-bad-params");
        assertThat(alice.status()).as("%s", alice).isEqualTo(400);
        assertThat(alice.errorCode()).isEqualTo("invalid_params");
    }

    @Assertion(id = "ssr-fallback", strategy = "a render that throws sends the client-rendered shell with the same hydration data (mizan.ssr.fail-open=true)")
    void fallback() {
        HttpTck http = HttpTck.of(base);
        Reply r = http.get("app/pages/broken");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body()).contains("<div id=\"app\" data-mizan-ssr=\"fallback\"></div>");
        assertThat(seeded(script(r), "ssrNote|{}").getJsonObject("data"))
                .isEqualTo(http.ctx("ssrNote").json());
    }

    @Assertion(id = "ssr-events-catch-up", strategy = "the page's hydration data holds readAt; a stream opened with"
            + " since=readAt replays the event of a call made after the render, then says replayed")
    void catchUp() throws Exception {
        Thread.sleep(1100); // a page rendered within a second of the deployment may have to resync instead
        HttpTck http = HttpTck.of(base);
        JsonObject data;
        try (JsonReader r = Json.createReader(new StringReader(script(http.get("app/pages/note"))))) {
            data = r.readObject();
        }
        long readAt = data.getJsonNumber("readAt").longValueExact();
        Reply call = http.call("touchNote", "{}");
        assertThat(call.status()).as("%s", call).isEqualTo(200);
        String id = call.header("Mizan-Event-Id").orElseThrow(() -> new AssertionError("no Mizan-Event-Id: " + call));
        try (EventStream s = EventStream.open(http.base().resolve("mizan/events?since=" + readAt), null)) {
            assertThat(s.status()).isEqualTo(200);
            List<Event> seen = s.until("replayed", Duration.ofSeconds(10));
            assertThat(seen).noneMatch(e -> e.name().equals("resync"))
                    .anyMatch(e -> e.name().equals("invalidate") && id.equals(e.id()) && e.data().contains("\"ssrNote\""));
        }
    }

    private static String script(Reply page) {
        Matcher m = DATA.matcher(page.body());
        assertThat(m.find()).as("the page has the hydration data script: %s", page.abbreviated()).isTrue();
        return m.group(1);
    }

    /** @return the seed of one context (its stableKey) in a page's hydration data script */
    private static JsonObject seeded(String script, String key) {
        try (JsonReader r = Json.createReader(new StringReader(script))) {
            return r.readObject().getJsonObject("contexts").getJsonObject(key);
        }
    }
}
