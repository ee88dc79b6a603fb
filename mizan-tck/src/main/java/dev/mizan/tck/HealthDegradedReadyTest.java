package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.Health;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.RedisProcess;
import jakarta.json.JsonObject;

/**
 * {@code mizan.health.ready-when-cache-degraded=true}: the {@code mizan} readiness check stays UP while its
 * Redis is stopped, and says {@code cache=degraded} in its data (docs/how-to/operations.md). The same outage as
 * {@link HealthRedisOutageTest}, whose check goes DOWN without the key. Needs {@code mizan.tck.redisLibs} and
 * {@code redis-server}.
 */
@MizanTck
@Tag(MizanTck.MICROPROFILE)
class HealthDegradedReadyTest {

    private static RedisProcess redis;

    @ArquillianResource
    URL base;

    /** Redis starts here: Arquillian deploys before any {@code @BeforeAll}, and the deployment connects to it. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        redis = RedisProcess.start();
        String config = redis.cacheConfig("tck-health-ready:") + "mizan.health.ready-when-cache-degraded=true\n";
        return Deployments.redisWar("tck-health-degraded-ready", config, Shop.CLASSES);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @Assertion(id = "health-ready-when-cache-degraded", strategy = "With mizan.health.ready-when-cache-degraded=true:"
            + " Redis running, mizan UP with cache=up; Redis stopped, a read answers with Mizan-Cache: bypass, and mizan"
            + " stays UP with cache=degraded, health/ready 200")
    void upWithTheCacheDegraded() {
        HttpTck http = HttpTck.of(base);
        Health health = Health.of(base);
        Runnable read = () -> assertThat(http.ctx("stock", Map.of("sku", "d1")).status()).isEqualTo(200);

        JsonObject up = health.awaitMizan("UP", read);
        assertThat(Health.data(up).getString("cache", null)).as("%s", up).isEqualTo("up");

        redis.stop();
        JsonObject degraded = health.awaitMizan(c -> "degraded".equals(Health.data(c).getString("cache", null)),
                "the cache degraded", read);
        assertThat(degraded.getString("status")).as("%s", degraded).isEqualTo("UP");
        assertThat(health.ready().status()).isEqualTo(200);
        assertThat(http.ctx("stock", Map.of("sku", "d1")).header("Mizan-Cache")).hasValue("bypass");
    }
}
