package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.numbers.Box;
import dev.mizan.tck.fixtures.numbers.NumbersApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;

/**
 * Number bombs and the canonical form of numbers (docs/reference/security.md, "Limits";
 * docs/internals/key-derivation.md): a number Mizan cannot bind is refused from its precision and scale,
 * before anything expands it, with {@code 400 invalid_params}, in every position.
 */
@MizanTck
class NumbersTest {

    private static final List<String> BOMBS = List.of("1e10000000", "1e2000000000", "-1e-2000000000");
    private static final List<String> TOP_LEVEL = List.of("i", "l", "bi", "bd", "d");
    private static final List<String> NESTED = List.of("i", "l", "bi", "bd", "d");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-numbers", NumbersApi.class, Box.class);
    }

    private static void assertRefused(Reply r, String field, String what) {
        assertThat(r.status()).as("%s: %s", what, r).isEqualTo(400);
        assertThat(r.errorCode()).as("%s: %s", what, r).isEqualTo("invalid_params");
        assertThat(r.error().getJsonObject("fields")).as("%s: %s", what, r).containsKey(field);
        assertThat(r.body()).as("%s: no stack trace", what).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Assertion(id = "numbers-bomb-call", strategy = "1e10000000, 1e2000000000 and -1e-2000000000 in an int, long, "
            + "BigInteger, BigDecimal and double param, as a JSON number and for the big types as a string, and in the "
            + "same fields of a nested record: each a 400 invalid_params naming the param; prints the slowest reply")
    void bombsInCallBodiesAreRefused() {
        HttpTck client = HttpTck.of(base);
        client.call("take", "{}"); // session and token first, so the timings below are the refusals alone
        List<Long> millis = new ArrayList<>();
        for (String bomb : BOMBS) {
            for (String param : TOP_LEVEL) {
                millis.add(timed(() -> assertRefused(client.call("take", "{\"" + param + "\":" + bomb + "}"), param,
                        param + "=" + bomb)));
            }
            for (String param : List.of("bi", "bd")) {
                millis.add(timed(() -> assertRefused(client.call("take", "{\"" + param + "\":\"" + bomb + "\"}"), param,
                        param + "=\"" + bomb + "\"")));
            }
            for (String field : List.of("bi", "bd")) {
                millis.add(timed(() -> assertRefused(client.call("take", "{\"box\":{\"" + field + "\":\"" + bomb + "\"}}"),
                        "box", "box." + field + "=\"" + bomb + "\"")));
            }
            for (String field : NESTED) {
                millis.add(timed(() -> assertRefused(client.call("take", "{\"box\":{\"" + field + "\":" + bomb + "}}"),
                        "box", "box." + field + "=" + bomb)));
            }
        }
        report("call bodies", millis);
        assertThat(client.call("take", "{\"i\":1,\"l\":2,\"bi\":\"3\",\"bd\":\"4.50\",\"d\":1e300,\"box\":{\"i\":1e3}}").status())
                .as("numbers within range still bind").isEqualTo(200);
    }

    @Assertion(id = "numbers-bomb-ctx", strategy = "The same numbers as context params in the query string: 400 invalid_params")
    void bombsInQueryParamsAreRefused() {
        HttpTck client = HttpTck.of(base);
        List<Long> millis = new ArrayList<>();
        for (String bomb : BOMBS) {
            for (String param : List.of("n", "amount", "d")) {
                millis.add(timed(() -> assertRefused(client.ctx("numbers", Map.of(param, bomb)), param, param + "=" + bomb)));
            }
        }
        report("context params", millis);
        assertThat(client.ctx("numbers", Map.of("n", "1e3", "amount", "12.50", "d", "1.5e300")).body())
                .isEqualTo("\"1000/12.50/1.5E300\"");
    }

    @Assertion(id = "numbers-out-of-range", strategy = "Numbers past a type's range (3000000000 for an int, 1e400 for a "
            + "double, 1.5 for a long, 1e20 for a long) are 400 invalid_params, never truncated or wrapped")
    void outOfRangeNumbersAreRefused() {
        HttpTck client = HttpTck.of(base);
        assertRefused(client.call("take", "{\"i\":3000000000}"), "i", "int overflow");
        assertRefused(client.call("take", "{\"d\":1e400}"), "d", "double overflow");
        assertRefused(client.call("take", "{\"l\":1.5}"), "l", "fraction for a long");
        assertRefused(client.call("take", "{\"l\":1e20}"), "l", "long overflow");
        assertRefused(client.call("take", "{\"bi\":1.5}"), "bi", "fraction for a BigInteger");
    }

    @Assertion(id = "numbers-bigdecimal-purge-scale", strategy = "A param-scoped purge compares params by their canonical "
            + "form: a BigDecimal keeps its scale, so reprice(12.5) does not purge price?amount=12.50, reprice(12.50) does")
    void bigDecimalPurgeKeepsTheScale() {
        HttpTck client = HttpTck.of(base);
        Map<String, String> twelveFifty = Map.of("amount", "12.50");
        Reply first = client.ctx("price", twelveFifty);
        assertThat(client.ctx("price", twelveFifty).header("Mizan-Cache")).hasValue("hit");

        assertThat(client.call("reprice", "{\"amount\":12.5}").status()).isEqualTo(200);
        Reply afterOtherScale = client.ctx("price", twelveFifty);
        assertThat(afterOtherScale.header("Mizan-Cache")).as("12.5 is another param than 12.50").hasValue("hit");
        assertThat(afterOtherScale.body()).isEqualTo(first.body());

        assertThat(client.call("reprice", "{\"amount\":12.50}").status()).isEqualTo(200);
        Reply afterSameScale = client.ctx("price", twelveFifty);
        assertThat(afterSameScale.header("Mizan-Cache")).hasValue("miss");
        assertThat(afterSameScale.body()).isNotEqualTo(first.body());
    }

    private static long timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    // The target (under 50 ms of server time per refusal) is measured, not asserted: a timed assertion
    // flakes on a loaded machine. Before the fix a single 1e10000000 for an int took seconds.
    private static void report(String where, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("NumbersTest %s: %d refusals, round trip median %d ms, max %d ms%n",
                where, sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }
}
