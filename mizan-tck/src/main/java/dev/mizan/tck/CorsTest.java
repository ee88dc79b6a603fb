package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** docs/reference/security.md and docs/reference/config.md: {@code mizan.cors.origins}. */
@MizanTck
class CorsTest {

    private static final String LISTED = "https://app.example";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-cors", "mizan.cors.origins=" + LISTED, Shop.CLASSES);
    }

    private static boolean varyOrigin(Reply r) {
        return r.headers("Vary").stream().flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(v -> v.trim().equalsIgnoreCase("Origin"));
    }

    @Assertion(id = "cors-listed-origin", strategy = "A read from a listed Origin carries Access-Control-Allow-Origin (that origin), -Allow-Credentials: true, the exposed Mizan headers and Vary: Origin")
    void listedOrigin() {
        Reply r = HttpTck.of(base).ctx("greeting", "Origin", LISTED);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).contains(LISTED);
        assertThat(r.header("Access-Control-Allow-Credentials")).contains("true");
        assertThat(r.header("Access-Control-Expose-Headers").orElse("")).contains("Mizan-Schema").contains("ETag");
        assertThat(varyOrigin(r)).as("Vary of %s", r).isTrue();
    }

    @Assertion(id = "cors-vary-always", strategy = "With CORS on, a cacheable PUBLIC read without Origin, or from an unlisted one, has no CORS headers and still says Vary: Origin, so a shared cache keeps the answers apart")
    void varyWithoutOrigin() {
        for (String[] headers : new String[][] {{}, {"Origin", "https://evil.example"}}) {
            Reply r = HttpTck.of(base).ctx("greeting", headers);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(r.header("Cache-Control").orElse("")).contains("public");
            assertThat(r.header("Access-Control-Allow-Origin")).as("%s", r).isEmpty();
            assertThat(varyOrigin(r)).as("Vary of %s", r).isTrue();
        }
    }

    @Assertion(id = "cors-preflight", strategy = "A preflight from a listed Origin is answered with the allowed methods and headers; from an unlisted one, without them")
    void preflight() {
        HttpTck tck = HttpTck.of(base);
        Reply listed = tck.mizanOptions("call/addTodo", "Origin", LISTED, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
        assertThat(listed.header("Access-Control-Allow-Origin")).as("%s", listed).contains(LISTED);
        assertThat(listed.header("Access-Control-Allow-Methods").orElse("")).contains("POST");
        Reply other = tck.mizanOptions("call/addTodo", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(other.header("Access-Control-Allow-Origin")).as("%s", other).isEmpty();
        assertThat(other.header("Access-Control-Allow-Methods")).isEmpty();
    }

    @Assertion(id = "cors-session-never", strategy = "/session is never readable cross-site: no Access-Control-Allow-Origin even for a listed Origin")
    void sessionNeverCrossSite() {
        Reply r = HttpTck.of(base).mizan("session", "Origin", LISTED);
        assertThat(r.header("Access-Control-Allow-Origin")).as("%s", r).isEmpty();
    }
}
