package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/**
 * docs/internals/cache-design.md: the origin cache, ETags and purges. Every test uses its own skus, so tests do not
 * depend on one another's entries.
 */
@MizanTck
class CacheTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-cache", Shop.CLASSES);
    }

    private Reply stock(HttpTck http, String sku) {
        Reply r = http.ctx("stock", Map.of("sku", sku));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r;
    }

    private static String cache(Reply r) {
        return r.header("Mizan-Cache").orElse("<none>");
    }

    private static void assertCallOk(Reply r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
    }

    @Assertion(id = "cache-miss-then-hit", strategy = "First read of a key: miss; second: hit with the same body")
    void missThenHit() {
        HttpTck http = HttpTck.of(base);
        Reply first = stock(http, "c1");
        Reply second = stock(http, "c1");
        assertThat(cache(first)).isEqualTo("miss");
        assertThat(cache(second)).isEqualTo("hit");
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Assertion(id = "cache-keys-by-params", strategy = "Different param values are different entries: a new sku misses")
    void differentParamsAreDifferentEntries() {
        HttpTck http = HttpTck.of(base);
        stock(http, "c2a");
        assertThat(cache(stock(http, "c2b"))).isEqualTo("miss");
    }

    @Assertion(id = "ctx-etag-strong", strategy = "A 200 read has a strong, quoted ETag, equal on hit and miss")
    void strongEtag() {
        HttpTck http = HttpTck.of(base);
        String miss = stock(http, "c3").header("ETag").orElseThrow();
        String hit = stock(http, "c3").header("ETag").orElseThrow();
        assertThat(miss).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(hit).isEqualTo(miss);
    }

    @Assertion(id = "ctx-etag-304", strategy = "If-None-Match with the current ETag: 304 with no body and the same ETag")
    void ifNoneMatchGives304() {
        HttpTck http = HttpTck.of(base);
        String etag = stock(http, "c4").header("ETag").orElseThrow();
        Reply r = http.ctx("stock", Map.of("sku", "c4"), "If-None-Match", etag);
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("ETag")).contains(etag);
    }

    @Assertion(id = "ctx-etag-304-lines", strategy = "If-None-Match on two header lines, the current ETag on the second: 304, as for one list")
    void ifNoneMatchOnTwoLinesGives304() {
        HttpTck http = HttpTck.of(base);
        String etag = stock(http, "c6").header("ETag").orElseThrow();
        Reply r = http.ctx("stock", Map.of("sku", "c6"), "If-None-Match", "\"not-the-etag\"", "If-None-Match", etag);
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.header("ETag")).contains(etag);
    }

    @Assertion(id = "ctx-etag-mismatch", strategy = "If-None-Match with another ETag: 200 with the body")
    void otherEtagGives200() {
        HttpTck http = HttpTck.of(base);
        stock(http, "c5");
        Reply r = http.ctx("stock", Map.of("sku", "c5"), "If-None-Match", "\"not-the-etag\"");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().getString("sku")).isEqualTo("c5");
    }

    @Assertion(id = "call-invalidate-narrowed", strategy = "restock(sku) answers invalidate [{stock, {sku}}]; that sku then misses, another sku still hits")
    void narrowedInvalidation() {
        HttpTck http = HttpTck.of(base);
        stock(http, "c6a");
        stock(http, "c6b");
        Reply call = http.call("restock", "{\"sku\":\"c6a\",\"qty\":5}");
        assertCallOk(call);
        JsonArray invalidate = call.json().getJsonArray("invalidate");
        assertThat(invalidate).hasSize(1);
        JsonObject entry = invalidate.getJsonObject(0);
        assertThat(entry.getString("context")).isEqualTo("stock");
        assertThat(entry.getJsonObject("params").getString("sku")).isEqualTo("c6a");
        Reply after = stock(http, "c6a");
        assertThat(cache(after)).isEqualTo("miss");
        assertThat(after.json().getInt("qty")).isEqualTo(5);
        assertThat(cache(stock(http, "c6b"))).isEqualTo("hit");
    }

    @Assertion(id = "call-invalidate-all", strategy = "clearStock answers invalidate [{context: stock}] without params; every stock entry then misses")
    void wholeContextInvalidation() {
        HttpTck http = HttpTck.of(base);
        stock(http, "c7a");
        stock(http, "c7b");
        Reply call = http.call("clearStock", "{}");
        assertCallOk(call);
        JsonObject entry = call.json().getJsonArray("invalidate").getJsonObject(0);
        assertThat(entry.getString("context")).isEqualTo("stock");
        assertThat(entry.containsKey("params")).isFalse();
        assertThat(cache(stock(http, "c7a"))).isEqualTo("miss");
        assertThat(cache(stock(http, "c7b"))).isEqualTo("miss");
    }

    @Assertion(id = "call-invalidate-runtime", strategy = "A call using the injected Invalidation lists it and purges the entry")
    void runtimeInvalidation() {
        HttpTck http = HttpTck.of(base);
        stock(http, "c8");
        Reply call = http.call("touch", "{\"sku\":\"c8\"}");
        assertCallOk(call);
        JsonObject entry = call.json().getJsonArray("invalidate").getJsonObject(0);
        assertThat(entry.getString("context")).isEqualTo("stock");
        assertThat(entry.getJsonObject("params").getString("sku")).isEqualTo("c8");
        assertThat(cache(stock(http, "c8"))).isEqualTo("miss");
    }

    @Assertion(id = "call-invalidate-nested-bean", strategy = "@Invalidates on another bean's method reached by a call is collected and purges")
    void nestedBeanInvalidation() {
        HttpTck http = HttpTck.of(base);
        long before = stock(http, "c9").json().getInt("qty");
        Reply call = http.call("sell", "{\"sku\":\"c9\"}");
        assertCallOk(call);
        assertThat(call.json().getJsonArray("invalidate").getJsonObject(0).getString("context")).isEqualTo("stock");
        Reply after = stock(http, "c9");
        assertThat(cache(after)).isEqualTo("miss");
        assertThat(after.json().getInt("qty")).isEqualTo(before - 1);
    }

    @Assertion(id = "cache-etag-changes", strategy = "After a purge and a changed result, the old ETag no longer yields 304")
    void etagChangesAfterPurge() {
        HttpTck http = HttpTck.of(base);
        String old = stock(http, "c10").header("ETag").orElseThrow();
        assertCallOk(http.call("restock", "{\"sku\":\"c10\",\"qty\":2}"));
        Reply r = http.ctx("stock", Map.of("sku", "c10"), "If-None-Match", old);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("ETag")).isNotEqualTo(java.util.Optional.of(old));
    }

    @Assertion(id = "cache-disabled-bypass", strategy = "cached=false: every read is a bypass and recomputes")
    void uncachedContextBypasses() {
        HttpTck http = HttpTck.of(base);
        Reply a = http.ctx("clock");
        Reply b = http.ctx("clock");
        assertThat(cache(a)).isEqualTo("bypass");
        assertThat(cache(b)).isEqualTo("bypass");
        assertThat(b.body()).isNotEqualTo(a.body());
    }

    @Assertion(id = "cache-mz-hit", strategy = "A read with _mz shares the entry of the read without it (hit)")
    void cacheBusterSharesEntry() {
        HttpTck http = HttpTck.of(base);
        stock(http, "c11");
        Reply r = http.ctx("stock", Map.of("sku", "c11", "_mz", "1"));
        assertThat(cache(r)).isEqualTo("hit");
    }

    @Assertion(id = "cache-shared-public", strategy = "A PUBLIC entry is shared: another client (and user) gets a hit")
    void publicEntriesAreShared() {
        HttpTck http = HttpTck.of(base);
        Reply first = stock(http, "c12");
        Reply other = stock(HttpTck.of(base).basic("bob"), "c12");
        assertThat(cache(other)).isEqualTo("hit");
        assertThat(other.body()).isEqualTo(first.body());
    }

    @Assertion(id = "call-result-shape", strategy = "A call answers {result, invalidate} with Cache-Control: no-store")
    void callResultShape() {
        Reply r = HttpTck.of(base).call("greet", "{\"name\":\"Ann\",\"times\":2}");
        assertCallOk(r);
        assertThat(r.json().getString("result")).isEqualTo("Hello, Ann!Hello, Ann!");
        assertThat(r.json().getJsonArray("invalidate")).isEmpty();
        assertThat(r.header("Cache-Control")).hasValueSatisfying(cc -> assertThat(cc).contains("no-store"));
    }
}
