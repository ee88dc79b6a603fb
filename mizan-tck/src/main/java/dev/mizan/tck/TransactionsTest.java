package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.tx.Tx;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/**
 * docs/reference/annotations.md: purges asked for inside a JTA transaction run after it commits and
 * never after a rollback, through {@code Invalidation.context} and {@code Invalidation.user} alike; an
 * observer of {@code Invalidated} that fails neither fails the call nor stops the purge's other steps.
 */
@MizanTck
class TransactionsTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-tx", Tx.CLASSES);
    }

    private static String cache(Reply r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.header("Mizan-Cache").orElse("<none>");
    }

    /** Reads the sku twice, so its entry is cached, and returns the cached body. */
    private static Reply cached(HttpTck http, String context, Map<String, String> params) {
        http.ctx(context, params);
        Reply hit = http.ctx(context, params);
        assertThat(cache(hit)).as("the second read of %s %s", context, params).isEqualTo("hit");
        return hit;
    }

    @Assertion(id = "tx-purge-after-commit", strategy = "Invalidation.context in a transaction that commits: listed in the answer, the entry purged")
    void purgeAfterCommit() {
        HttpTck http = HttpTck.of(base);
        Reply before = cached(http, "txStock", Map.of("sku", "t1"));
        Reply call = http.call("touchCommitted", "{\"sku\":\"t1\"}");
        assertThat(call.status()).as("%s", call).isEqualTo(200);
        assertThat(call.json().getJsonArray("invalidate").getJsonObject(0).getString("context")).isEqualTo("txStock");
        Reply after = http.ctx("txStock", Map.of("sku", "t1"));
        assertThat(cache(after)).isEqualTo("miss");
        assertThat(after.body()).isNotEqualTo(before.body());
    }

    @Assertion(id = "tx-no-purge-on-rollback", strategy = "Invalidation.context, then an exception rolls the transaction back: the entry is still a hit")
    void noPurgeOnRollback() {
        HttpTck http = HttpTck.of(base);
        Reply before = cached(http, "txStock", Map.of("sku", "t2"));
        Reply call = http.call("touchThenFail", "{\"sku\":\"t2\"}");
        assertThat(call.status()).as("%s", call).isEqualTo(500);
        Reply after = http.ctx("txStock", Map.of("sku", "t2"));
        assertThat(cache(after)).isEqualTo("hit");
        assertThat(after.body()).isEqualTo(before.body());
    }

    @Assertion(id = "tx-purge-after-commit-despite-exception", strategy = "an @Invalidates method throws a checked exception,"
            + " for which @Transactional commits: what it wrote is visible, so the entry is purged")
    void purgeWhenTheMethodThrowsAndTheTransactionCommits() {
        HttpTck http = HttpTck.of(base);
        Reply before = cached(http, "txStock", Map.of("sku", "t5"));
        Reply call = http.call("restockThenRefuse", "{\"sku\":\"t5\"}");
        assertThat(call.status()).as("%s", call).isEqualTo(500);
        Reply after = http.ctx("txStock", Map.of("sku", "t5"));
        assertThat(cache(after)).isEqualTo("miss");
        assertThat(after.body()).isNotEqualTo(before.body());
    }

    @Assertion(id = "tx-no-purge-invalidates-rollback", strategy = "an @Invalidates method throws an unchecked exception,"
            + " which rolls the transaction back: the entry is still a hit")
    void noPurgeWhenTheMethodThrowsAndTheTransactionRollsBack() {
        HttpTck http = HttpTck.of(base);
        Reply before = cached(http, "txStock", Map.of("sku", "t6"));
        Reply call = http.call("restockThenFail", "{\"sku\":\"t6\"}");
        assertThat(call.status()).as("%s", call).isEqualTo(500);
        Reply after = http.ctx("txStock", Map.of("sku", "t6"));
        assertThat(cache(after)).isEqualTo("hit");
        assertThat(after.body()).isEqualTo(before.body());
    }

    @Assertion(id = "tx-no-purge-rollback-only", strategy = "setRollbackOnly, then Invalidation.context: the transaction can only roll back, so nothing is purged")
    void noPurgeWhenMarkedForRollback() {
        HttpTck http = HttpTck.of(base);
        Reply before = cached(http, "txStock", Map.of("sku", "t3"));
        long runs = rollbackOnlyRuns(http);
        // a runtime may answer 200 (the interceptor rolls back quietly) or 500 (RollbackException): either way nothing committed
        Reply call = http.call("touchRollbackOnly", "{\"sku\":\"t3\"}");
        assertThat(call.status()).as("%s", call).isIn(200, 500);
        // a call refused before it ran (CSRF, binding) would leave the entry a hit too
        assertThat(rollbackOnlyRuns(http)).as("touchRollbackOnly reached its purge").isEqualTo(runs + 1);
        Reply after = http.ctx("txStock", Map.of("sku", "t3"));
        assertThat(cache(after)).isEqualTo("hit");
        assertThat(after.body()).isEqualTo(before.body());
    }

    private static long rollbackOnlyRuns(HttpTck http) {
        Reply r = http.ctx("rollbackOnlyRuns");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return Long.parseLong(r.body().strip());
    }

    @Assertion(id = "tx-user-purge-after-commit", strategy = "Invalidation.user in a transaction: no purge after a rollback, the user's entries purged after a commit")
    void userPurgeFollowsTheTransaction() {
        HttpTck alice = HttpTck.of(base).basic("alice");
        Reply before = cached(alice, "txMine", Map.of("tag", "t4"));
        Reply failed = alice.call("forgetUserThenFail", "{\"user\":\"alice\"}");
        assertThat(failed.status()).as("%s", failed).isEqualTo(500);
        Reply kept = alice.ctx("txMine", Map.of("tag", "t4"));
        assertThat(cache(kept)).as("after the rollback").isEqualTo("hit");
        assertThat(kept.body()).isEqualTo(before.body());

        Reply committed = alice.call("forgetUser", "{\"user\":\"alice\"}");
        assertThat(committed.status()).as("%s", committed).isEqualTo(200);
        assertThat(cache(alice.ctx("txMine", Map.of("tag", "t4")))).as("after the commit").isEqualTo("miss");
    }

    @Assertion(id = "tx-observer-failure", strategy = "An Invalidated observer that throws: the call still answers 200, the entry is purged, the EdgePurger is still told")
    void aFailingObserverStopsNothing() throws InterruptedException {
        HttpTck http = HttpTck.of(base);
        cached(http, "txBoom", Map.of());
        Reply call = http.call("boom", "{}");
        assertThat(call.status()).as("%s", call).isEqualTo(200);
        assertThat(cache(http.ctx("txBoom"))).isEqualTo("miss");
        // edge purges run off the request path
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String tags = http.ctx("edgeTags").body();
        while (!tags.contains("mizan-ctx-txBoom") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            tags = http.ctx("edgeTags").body();
        }
        assertThat(tags).contains("mizan-ctx-txBoom");
    }
}
