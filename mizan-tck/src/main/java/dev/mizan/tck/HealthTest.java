package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.Health;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import jakarta.json.JsonObject;

/**
 * The {@code mizan} readiness check on a server with MicroProfile Health (the runner starts one with it
 * on; {@code mizan.tck.health} says where its endpoints are): UP with the memory cache, with one data
 * entry per part.
 */
@MizanTck
@Tag(MizanTck.MICROPROFILE)
class HealthTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-health", Shop.CLASSES);
    }

    @Assertion(id = "health-ready-memory", strategy = "GET the server's health/ready: a check named mizan, UP, with"
            + " data cache=up and cache.backend=memory, after reads served from the cache")
    void upWithTheMemoryCache() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.ctx("stock", Map.of("sku", "h1")).status()).isEqualTo(200);
        assertThat(http.ctx("stock", Map.of("sku", "h1")).header("Mizan-Cache")).hasValue("hit");

        JsonObject check = Health.of(base).mizan();
        assertThat(check.getString("status")).as("%s", check).isEqualTo("UP");
        JsonObject data = Health.data(check);
        assertThat(data.getString("cache", null)).as("%s", data).isEqualTo("up");
        assertThat(data.getString("cache.backend", null)).as("%s", data).isEqualTo("memory");
    }

    @Assertion(id = "health-ready-events", strategy = "With live invalidation on (the default), the check's data has"
            + " events=up and the number of open streams")
    void reportsTheEventsPart() {
        JsonObject data = Health.data(Health.of(base).mizan());
        assertThat(data.getString("events", null)).as("%s", data).isEqualTo("up");
        // a JSON number on WildFly and Liberty; Payara Micro writes every data value as a string
        assertThat(data.get("events.streams")).as("%s", data).isNotNull();
        assertThat(data.get("events.streams").toString().replace("\"", "")).as("%s", data).matches("\\d+");
    }
}
