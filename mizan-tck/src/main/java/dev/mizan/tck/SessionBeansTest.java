package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.ejb.Ejb;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import jakarta.json.JsonObject;

/**
 * docs/reference/annotations.md, "Session beans": operations on a stateless session bean seen only
 * through its local business interface, on a singleton with a no-interface view and on a stateful bean in a
 * normal scope, are read, called and purged as those of any CDI bean.
 */
@MizanTck
class SessionBeansTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-ejb", Ejb.CLASSES).addAsWebInfResource(new StringAsset(Ejb.EJB_JAR), "ejb-jar.xml");
    }

    private static Reply ok(Reply r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r;
    }

    @Assertion(id = "ejb-business-interface", strategy = "A @Stateless bean whose only bean type is its @Local interface: GET "
            + "ejbShelf twice (miss, hit), POST ejbPut (its @Invalidates names the shelf), then GET is a miss with the item; "
            + "another shelf's entry is still a hit")
    void aBeanSeenThroughItsBusinessInterface() {
        HttpTck http = HttpTck.of(base);
        Map<String, String> a = Map.of("shelf", "a");
        Map<String, String> b = Map.of("shelf", "b");
        assertThat(ok(http.ctx("ejbShelf", a)).body()).isEqualTo("[]");
        ok(http.ctx("ejbShelf", b));
        assertThat(ok(http.ctx("ejbShelf", a)).header("Mizan-Cache")).contains("hit");

        JsonObject call = ok(http.call("ejbPut", "{\"shelf\":\"a\",\"item\":\"jar\"}")).json();
        assertThat(call.getJsonArray("result").getString(0)).isEqualTo("jar");
        assertThat(call.getJsonArray("invalidate").getJsonObject(0).getString("context")).isEqualTo("ejbShelf");

        Reply after = ok(http.ctx("ejbShelf", a));
        assertThat(after.header("Mizan-Cache")).as("the purged shelf").contains("miss");
        assertThat(after.body()).isEqualTo("[\"jar\"]");
        assertThat(ok(http.ctx("ejbShelf", b)).header("Mizan-Cache")).as("the other shelf").contains("hit");
    }

    @Assertion(id = "ejb-generic-business-interface", strategy = "A @Stateless bean seen only through Catalog<String>, whose "
            + "add(T) its add(String) implements: GET ejbCatalog (miss, then hit), POST ejbCatalogAdd (@Invalidates ejbCatalog) "
            + "answers the item, then GET is a miss with it")
    void aBeanSeenThroughAGenericBusinessInterface() {
        HttpTck http = HttpTck.of(base);
        assertThat(ok(http.ctx("ejbCatalog")).body()).isEqualTo("[]");
        assertThat(ok(http.ctx("ejbCatalog")).header("Mizan-Cache")).contains("hit");
        assertThat(ok(http.call("ejbCatalogAdd", "{\"item\":\"atlas\"}")).json().getString("result")).isEqualTo("atlas");
        Reply after = ok(http.ctx("ejbCatalog"));
        assertThat(after.header("Mizan-Cache")).as("purged by the call").contains("miss");
        assertThat(after.body()).isEqualTo("[\"atlas\"]");
    }

    @Assertion(id = "ejb-no-interface-view", strategy = "A @Singleton bean with a no-interface view: GET ejbLedger (cached), "
            + "POST ejbRecord (@Invalidates ejbLedger), then GET is a miss with the line")
    void aBeanWithANoInterfaceView() {
        HttpTck http = HttpTck.of(base);
        assertThat(ok(http.ctx("ejbLedger")).body()).isEqualTo("[]");
        assertThat(ok(http.ctx("ejbLedger")).header("Mizan-Cache")).contains("hit");
        assertThat(ok(http.call("ejbRecord", "{\"line\":\"one\"}")).json().getInt("result")).isEqualTo(1);
        Reply after = ok(http.ctx("ejbLedger"));
        assertThat(after.header("Mizan-Cache")).contains("miss");
        assertThat(after.body()).isEqualTo("[\"one\"]");
    }

    @Assertion(id = "ejb-mizan-exception", strategy = "A @Stateless function throws MizanException(404, not_on_shelf), which the EJB "
            + "container wraps: the client gets 404 with that code; the item put before it can be taken (200)")
    void aMizanExceptionFromASessionBeanKeepsItsStatus() {
        HttpTck http = HttpTck.of(base);
        Reply missing = http.call("ejbTake", "{\"shelf\":\"c\",\"item\":\"cup\"}");
        assertThat(missing.status()).as("%s", missing).isEqualTo(404);
        assertThat(missing.json().getJsonObject("error").getString("code")).isEqualTo("not_on_shelf");
        ok(http.call("ejbPut", "{\"shelf\":\"c\",\"item\":\"cup\"}"));
        assertThat(ok(http.call("ejbTake", "{\"shelf\":\"c\",\"item\":\"cup\"}")).json().getJsonArray("result")).isEmpty();
    }

    @Assertion(id = "ejb-stateful-survives-mizan-exception", strategy = "An @ApplicationScoped @Stateful bean: POST ejbCartAdd "
            + "pen (1), then anvil, which throws MizanException(409, too_heavy): 409 with that code, twice; then cup answers 2, "
            + "so the same instance is still there (the container discards one after a system exception)")
    void aMizanExceptionLeavesAStatefulBeanInPlace() {
        HttpTck http = HttpTck.of(base);
        assertThat(ok(http.call("ejbCartAdd", "{\"item\":\"pen\"}")).json().getInt("result")).isEqualTo(1);
        for (int i = 0; i < 2; i++) {
            Reply refused = http.call("ejbCartAdd", "{\"item\":\"anvil\"}");
            assertThat(refused.status()).as("%s", refused).isEqualTo(409);
            assertThat(refused.json().getJsonObject("error").getString("code")).isEqualTo("too_heavy");
        }
        assertThat(ok(http.call("ejbCartAdd", "{\"item\":\"cup\"}")).json().getInt("result")).as("the same instance").isEqualTo(2);
    }

    @Assertion(id = "ejb-roles", strategy = "A @RolesAllowed(admin) context of a @Stateless bean: anonymous 401, bob (user) 403, "
            + "alice (admin) 200 with the caller the EJB container sees (alice)")
    void theEjbContainerSeesTheSameCaller() {
        assertThat(HttpTck.of(base).ctx("ejbKeeper").status()).isEqualTo(401);
        assertThat(HttpTck.of(base).basic("bob").ctx("ejbKeeper").status()).isEqualTo(403);
        assertThat(ok(HttpTck.of(base).basic("alice").ctx("ejbKeeper")).body()).isEqualTo("\"alice\"");
    }

    @Assertion(id = "ejb-container-refuses", strategy = "A context whose method ejb-jar.xml's exclude-list names: the EJB container "
            + "refuses every caller, answered as Mizan's role check answers: anonymous 401 unauthenticated, alice 403 forbidden")
    void theEjbContainersRefusalIsARefusal() {
        Reply anonymous = HttpTck.of(base).ctx("ejbSealed");
        assertThat(anonymous.status()).as("%s", anonymous).isEqualTo(401);
        assertThat(anonymous.json().getJsonObject("error").getString("code")).isEqualTo("unauthenticated");
        Reply alice = HttpTck.of(base).basic("alice").ctx("ejbSealed");
        assertThat(alice.status()).as("%s", alice).isEqualTo(403);
        assertThat(alice.json().getJsonObject("error").getString("code")).isEqualTo("forbidden");
    }

    @Assertion(id = "ejb-timeout-invalidates", strategy = "GET ejbTicks (0, then a hit); POST ejbTickSoon sets a 100 ms timer whose "
            + "@Timeout method is @Invalidates(ejbTicks): within 10 s a GET reads 1")
    void aTimeoutMethodPurges() throws InterruptedException {
        HttpTck http = HttpTck.of(base);
        assertThat(ok(http.ctx("ejbTicks")).body()).isEqualTo("0");
        assertThat(ok(http.ctx("ejbTicks")).header("Mizan-Cache")).contains("hit");
        ok(http.call("ejbTickSoon", "{}"));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        String body = "0";
        while (body.equals("0") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            body = ok(http.ctx("ejbTicks")).body();
        }
        assertThat(body).as("the context, read until the timer's purge shows").isEqualTo("1");
    }
}
