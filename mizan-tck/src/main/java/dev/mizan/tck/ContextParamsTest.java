package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import java.util.TreeMap;

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

/** docs/reference/protocol.md: binding of context params from the query string. */
@MizanTck
class ContextParamsTest {

    private static final String UUID_TEXT = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-params", Shop.CLASSES);
    }

    private Reply echo(Map<String, String> params) {
        return HttpTck.of(base).ctx("echo", params);
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> m = new TreeMap<>();
        m.put("n", "1");
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static void assertInvalidParam(Reply r, String field) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_params");
        assertThat(r.error().getJsonObject("fields")).as("fields of %s", r).containsKey(field);
    }

    @Assertion(id = "ctx-params-all-kinds", strategy = "Every param kind bound from its wire form and echoed back")
    void everyKindIsBound() {
        Reply r = echo(with("s", "hello", "n", "42", "i", "7", "b", "true", "color", "GREEN", "id", UUID_TEXT,
                "day", "2024-02-29", "amount", "12.50", "tags", "[\"a\",\"b\"]", "range", "{\"from\":1,\"to\":5}"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonObject e = r.json();
        assertThat(e.getString("s")).isEqualTo("hello");
        assertThat(e.getJsonNumber("n").longValueExact()).isEqualTo(42L);
        assertThat(e.getInt("i")).isEqualTo(7);
        assertThat(e.getBoolean("b")).isTrue();
        assertThat(e.getString("color")).isEqualTo("GREEN");
        assertThat(e.getString("id")).isEqualTo(UUID_TEXT);
        assertThat(e.getString("day")).isEqualTo("2024-02-29");
        assertThat(e.getString("amount")).as("BigDecimal travels as a JSON string").isEqualTo("12.50");
        assertThat(e.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString)).containsExactly("a", "b");
        assertThat(e.getJsonObject("range").getInt("from")).isEqualTo(1);
        assertThat(e.getJsonObject("range").getInt("to")).isEqualTo(5);
    }

    @Assertion(id = "ctx-params-absent-null", strategy = "Absent optional params are null: left out of the echoed JSON")
    void absentOptionalParamsAreNull() {
        JsonObject e = echo(with()).json();
        assertThat(e.keySet()).containsExactly("n");
    }

    @Assertion(id = "ctx-params-string-raw", strategy = "A string-typed param takes the raw value: s=42 is the string \"42\", s=\"x\" keeps its quotes")
    void stringParamIsRaw() {
        assertThat(echo(with("s", "42")).json().getString("s")).isEqualTo("42");
        assertThat(echo(with("s", "\"x\"")).json().getString("s")).isEqualTo("\"x\"");
    }

    @Assertion(id = "ctx-params-encoding", strategy = "encodeURIComponent-encoded reserved and non-ASCII characters arrive intact")
    void encodedValuesArriveIntact() {
        String tricky = "a b&c=d/é+€😀?#%";
        assertThat(echo(with("s", tricky)).json().getString("s")).isEqualTo(tricky);
    }

    @Assertion(id = "ctx-params-json-text", strategy = "A non-string param takes JSON text: tags=[\"x\"] is a list, b=false a boolean")
    void nonStringParamIsJsonText() {
        JsonObject e = echo(with("tags", "[\"x, y\"]", "b", "false")).json();
        assertThat(e.getJsonArray("tags").getString(0)).isEqualTo("x, y");
        assertThat(e.getBoolean("b")).isFalse();
    }

    @Assertion(id = "ctx-params-primitives", strategy = "Primitive boolean and int params bind from JSON text")
    void primitivesBind() {
        Reply r = HttpTck.of(base).ctx("flags", Map.of("on", "true", "count", "3"));
        assertThat(r.json().getBoolean("on")).isTrue();
        assertThat(r.json().getInt("count")).isEqualTo(3);
    }

    @Assertion(id = "ctx-params-boolean-strict", strategy = "A boolean param takes true or false only: 1, \"yes\" and [true]"
            + " are 400 invalid_params naming it (JSON-B would read them as booleans)")
    void booleansAreTrueOrFalse() {
        for (String on : new String[] {"1", "\"yes\"", "[true]"}) {
            assertInvalidParam(HttpTck.of(base).ctx("flags", Map.of("on", on, "count", "3")), "on");
        }
    }

    @Assertion(id = "ctx-params-missing-required", strategy = "Missing required (primitive) param: 400 invalid_params with fields naming it")
    void missingRequiredParam() {
        assertInvalidParam(HttpTck.of(base).ctx("echo", Map.of("s", "x")), "n");
        assertInvalidParam(HttpTck.of(base).ctx("flags", Map.of("on", "true")), "count");
    }

    @Assertion(id = "ctx-params-undeclared", strategy = "An undeclared query param: 400 invalid_params")
    void undeclaredParam() {
        Reply r = echo(with("zzz", "1"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_params");
    }

    @Assertion(id = "ctx-params-repeated", strategy = "A repeated query key: 400 with a JSON error")
    void repeatedParam() {
        Reply r = HttpTck.of(base).ctxRaw("echo", "n=1&s=a&s=b");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isIn("invalid_params", "bad_request");
    }

    @Assertion(id = "ctx-params-too-deep", strategy = "A JSON param nested deeper than mizan.limits.max-depth (64), and one nested 999 deep (under the URL limit): 400 invalid_params naming it, never a 500")
    void nestedTooDeep() {
        for (int depth : new int[] {65, 999}) {
            Reply r = HttpTck.of(base).ctxRaw("echo", "n=1&tags=" + "%5B".repeat(depth) + "%5D".repeat(depth));
            assertInvalidParam(r, "tags");
            assertThat(r.error().getJsonObject("fields").getJsonArray("tags").getString(0)).as("depth %d", depth)
                    .contains("nested deeper than");
        }
    }

    @Assertion(id = "ctx-params-mz-ignored", strategy = "The reserved _mz param is accepted and ignored: same body and ETag as without")
    void cacheBusterIgnored() {
        Reply plain = echo(with("s", "mz"));
        Reply busted = echo(with("s", "mz", "_mz", "12345"));
        assertThat(busted.status()).isEqualTo(200);
        assertThat(busted.body()).isEqualTo(plain.body());
        assertThat(busted.header("ETag")).isEqualTo(plain.header("ETag"));
    }

    @Assertion(id = "ctx-params-unparseable-number", strategy = "n=abc and n=1.5 for a long: 400 invalid_params naming n")
    void unparseableNumber() {
        assertInvalidParam(echo(with("n", "abc")), "n");
        assertInvalidParam(echo(with("n", "1.5")), "n");
    }

    @Assertion(id = "ctx-params-int-overflow", strategy = "count=3000000000 for an int: 400 invalid_params naming count")
    void intOverflow() {
        assertInvalidParam(HttpTck.of(base).ctx("flags", Map.of("on", "true", "count", "3000000000")), "count");
    }

    @Assertion(id = "ctx-params-nested-integers", strategy = "A record param's int fields given 1.5 or 3000000000: 400 invalid_params naming the param (never truncated to 1 or wrapped); 1e2 binds as 100")
    void nestedIntegers() {
        assertInvalidParam(echo(with("range", "{\"from\":1.5,\"to\":5}")), "range");
        assertInvalidParam(echo(with("range", "{\"from\":1,\"to\":3000000000}")), "range");
        Reply r = echo(with("range", "{\"from\":1e2,\"to\":200}"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().getJsonObject("range").getInt("from")).isEqualTo(100);
    }

    @Assertion(id = "ctx-params-unparseable-string-types", strategy = "Bad enum, UUID and date values: 400 invalid_params naming each")
    void unparseableStringTypes() {
        assertInvalidParam(echo(with("color", "PURPLE")), "color");
        assertInvalidParam(echo(with("id", "not-a-uuid")), "id");
        assertInvalidParam(echo(with("day", "2024-13-45")), "day");
        assertInvalidParam(echo(with("amount", "twelve")), "amount");
    }

    @Assertion(id = "ctx-params-canonical-text", strategy = "A UUID param in upper case, or a BigDecimal in exponent form: 400"
            + " invalid_params naming it, whose message gives the text to send (the one invalidations name it by)")
    void stringTypesTakeTheirCanonicalText() {
        Reply upper = echo(with("id", UUID_TEXT.toUpperCase(java.util.Locale.ROOT)));
        assertInvalidParam(upper, "id");
        assertThat(upper.error().getJsonObject("fields").getJsonArray("id").getString(0)).endsWith(UUID_TEXT);
        assertInvalidParam(echo(with("amount", "1.25e1")), "amount");
    }

    @Assertion(id = "ctx-params-unparseable-json", strategy = "Malformed JSON text for list, record and boolean params: 400 invalid_params")
    void unparseableJsonText() {
        assertInvalidParam(echo(with("tags", "[\"a\"")), "tags");
        assertInvalidParam(echo(with("range", "{from:1}")), "range");
        assertInvalidParam(echo(with("b", "maybe")), "b");
    }

    @Assertion(id = "ctx-params-wrong-json-type", strategy = "Well-formed JSON of the wrong type (tags={\"a\":1}): 400 invalid_params")
    void wrongJsonType() {
        assertInvalidParam(echo(with("tags", "{\"a\":1}")), "tags");
    }
}
