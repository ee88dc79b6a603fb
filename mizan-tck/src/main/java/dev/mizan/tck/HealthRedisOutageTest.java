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
import dev.mizan.tck.framework.Reply;
import jakarta.json.JsonObject;

/**
 * The {@code mizan} readiness check with a configured Redis that stops and comes back: DOWN with the
 * cache {@code degraded} while the TCK's own {@code redis-server} is stopped (reads still answer),
 * liveness untouched, UP again once it runs. Needs {@code mizan.tck.redisLibs} and {@code redis-server}.
 */
@MizanTck
@Tag(MizanTck.MICROPROFILE)
class HealthRedisOutageTest {

    private static RedisProcess redis;

    @ArquillianResource
    URL base;

    /** Redis starts here: Arquillian deploys before any {@code @BeforeAll}, and the deployment connects to it. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        redis = RedisProcess.start();
        return Deployments.redisWar("tck-health-redis", redis.cacheConfig("tck-health:"), Shop.CLASSES);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @Assertion(id = "health-ready-redis-outage", strategy = "Redis running: mizan UP, cache=up, cache.backend=redis."
            + " Redis stopped: mizan DOWN with cache=degraded, health/ready 503, health/live 200, reads still 200."
            + " A call during the outage answers 200 (its purge waits to be recorded). Redis started again: mizan UP"
            + " with cache=up, with no read meanwhile (a node out of the load balancer gets none)")
    void downWhileRedisIsStoppedAndUpAgainAfter() {
        HttpTck http = HttpTck.of(base);
        Health health = Health.of(base);
        Runnable read = () -> assertThat(http.ctx("stock", Map.of("sku", "r1")).status()).isEqualTo(200);

        JsonObject up = health.awaitMizan("UP", read);
        assertThat(Health.data(up).getString("cache", null)).as("%s", up).isEqualTo("up");
        assertThat(Health.data(up).getString("cache.backend", null)).as("%s", up).isEqualTo("redis");

        redis.stop();
        JsonObject down = health.awaitMizan("DOWN", read);
        assertThat(Health.data(down).getString("cache", null)).as("%s", down).isEqualTo("degraded");
        assertThat(Health.data(down).getString("cache.backend", null)).as("%s", down).isEqualTo("redis");
        assertThat(health.ready().status()).isEqualTo(503);
        Reply live = health.live();
        assertThat(live.status()).as("%s", live).isEqualTo(200);
        assertThat(http.ctx("stock", Map.of("sku", "r1")).header("Mizan-Cache")).hasValue("bypass");

        assertThat(http.call("restock", "{\"sku\":\"r1\",\"qty\":3}").status()).isEqualTo(200);

        redis.restart();
        // no reads: the check itself records the waiting purge (docs/how-to/operations.md)
        JsonObject again = health.awaitMizan("UP", () -> { });
        assertThat(Health.data(again).getString("cache", null)).as("%s", again).isEqualTo("up");
    }
}
