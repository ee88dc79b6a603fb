package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.cdi.internal.json.JsonTrees;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/internals/key-derivation.md's rules one by one. Expected texts are written by hand from the rules (and agree with
 * mizan-tck/vectors/generate_cache_keys.py); the vectors test covers the broad cases.
 */
class ParamCanonicalizerTest {

    private final ParamCanonicalizer canonicalizer = new ParamCanonicalizer();

    @Test
    void leavesOutNullParamsAndNullMembersButKeepsNullArrayElements() {
        JsonObject params = parse("{\"a\":null,\"f\":{\"x\":null,\"y\":[null,{\"z\":null}]}}");

        assertThat(canonicalizer.canonical(params, Map.of("a", "string", "f", "object")))
                .isEqualTo("{\"f\":{\"y\":[null,{}]}}");
    }

    @Test
    void sortsKeysByUtf16CodeUnits() {
        // U+FB01 sorts after U+1F600 by code point, before it by UTF-16 code unit (0xFB01 > 0xD83D).
        JsonObject params = parse("{\"\uFB01\":1,\"\uD83D\uDE00\":2,\"a\":3}");

        assertThat(canonicalizer.canonical(params, Map.of()))
                .isEqualTo("{\"a\":3,\"\uD83D\uDE00\":2,\"\uFB01\":1}");
    }

    @Test
    void keepsSafeIntegersAndTurnsLargerOnesIntoStrings() {
        JsonObject params = parse("{\"a\":9007199254740991,\"b\":-9007199254740992,\"c\":[18446744073709551616]}");

        assertThat(canonicalizer.canonical(params, Map.of("a", "integer", "b", "integer", "c", "array")))
                .isEqualTo("{\"a\":9007199254740991,\"b\":\"-9007199254740992\",\"c\":[\"18446744073709551616\"]}");
    }

    @Test
    void writesOtherNumbersAsEcmaScriptDoes() {
        JsonObject params = parse("{\"a\":1e21,\"b\":1e-7,\"c\":-0.0,\"d\":2.50,\"e\":1E+2}");

        assertThat(canonicalizer.canonical(params, Map.of()))
                .isEqualTo("{\"a\":1e+21,\"b\":1e-7,\"c\":0,\"d\":2.5,\"e\":100}");
    }

    @Test
    void numbersBuiltInJavaFollowTheSameRules() {
        JsonObject params = Json.createObjectBuilder()
                .add("big", new BigInteger("123456789012345678901234567890"))
                .add("price", new BigDecimal("12.50"))
                .add("count", 3)
                .addNull("gone")
                .build();

        assertThat(canonicalizer.canonical(params, Map.of("price", "string")))
                .isEqualTo("{\"big\":\"123456789012345678901234567890\",\"count\":3,\"price\":\"12.50\"}");
    }

    @Test
    void turnsANumberForAStringParamIntoItsPlainDigits() {
        JsonObject params = parse("{\"a\":12.50,\"b\":1.5e3,\"c\":0.0000001,\"d\":7,\"e\":[1.50]}");
        Map<String, String> types = Map.of("a", "string", "b", "string", "c", "string", "d", "string", "e", "array");

        assertThat(canonicalizer.canonical(params, types))
                .isEqualTo("{\"a\":\"12.50\",\"b\":\"1500\",\"c\":\"0.0000001\",\"d\":\"7\",\"e\":[1.5]}");
    }

    @Test
    void escapesStringsAsRfc8785Does() {
        JsonObject params = parse("{\"q\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\\u007f\\u2028\\u00e9\"}");

        assertThat(canonicalizer.canonical(params, Map.of("q", "string")))
                .isEqualTo("{\"q\":\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\u007f\u2028\u00e9\"}");
    }

    @Test
    void emptyParamsAreAnEmptyObject() {
        assertThat(canonicalizer.canonical(JsonObject.EMPTY_JSON_OBJECT, Map.of())).isEqualTo("{}");
        assertThat(canonicalizer.canonical(parse("{\"a\":null}"), Map.of("a", "integer"))).isEqualTo("{}");
    }

    @Test
    void subsetKeepsOnlyTheNamedParams() {
        JsonObject params = parse("{\"list\":3,\"q\":\"x\",\"amount\":12.50,\"gone\":null}");
        Map<String, String> types = Map.of("list", "integer", "q", "string", "amount", "string", "gone", "string");

        assertThat(canonicalizer.canonicalSubset(params, List.of("amount", "list", "gone"), types))
                .isEqualTo("{\"amount\":\"12.50\",\"list\":3}");
        assertThat(canonicalizer.canonicalSubset(params, List.of(), types)).isEqualTo("{}");
    }

    @Test
    void canonicalValueAppliesTheInnerRules() {
        assertThat(canonicalizer.canonicalValue("f", parse("{\"b\":1e21,\"a\":null,\"A\":[null]}")))
                .isEqualTo("{\"A\":[null],\"b\":1e+21}");
        assertThat(canonicalizer.canonicalValue("n", Json.createValue(9007199254740993L))).isEqualTo("\"9007199254740993\"");
        assertThat(canonicalizer.canonicalValue("s", Json.createValue("\u00e9"))).isEqualTo("\"\u00e9\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1.7976931348623159e308", "[1, {\"x\": 1e999}]"})
    void refusesNumbersBeyondADouble(String value) {
        JsonObject params = parse("{\"x\":" + value + "}");

        assertThatThrownBy(() -> canonicalizer.canonical(params, Map.of("x", "number")))
                .isInstanceOfSatisfying(InvalidParamException.class, e -> {
                    assertThat(e.param()).isEqualTo("x");
                    assertThat(e.reason()).startsWith("number out of range: ");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"string", "number", "integer", "array"})
    void refusesNumberBombsFromTheirTextBeforeExpandingThem(String type) {
        String thousandDigits = "9".repeat(1001);
        for (String bomb : List.of("1e10000000", "1e2000000000", "-1e-2000000000", "1.5e700000000",
                "1e99999999999999999999", thousandDigits, "0." + thousandDigits)) {
            JsonObject params = parse("{\"x\":" + ("array".equals(type) ? "[" + bomb + "]" : bomb) + "}");

            assertThatThrownBy(() -> canonicalizer.canonical(params, Map.of("x", type)))
                    .as(bomb)
                    .isInstanceOfSatisfying(InvalidParamException.class, e -> {
                        assertThat(e.param()).isEqualTo("x");
                        assertThat(e.reason()).isIn("number is out of range (exponent beyond \u00b11000)",
                                "number has more than 1000 digits");
                    });
        }
    }

    @Test
    void acceptsNumbersAtTheBounds() {
        JsonObject params = parse("{\"a\":1e1000,\"b\":" + "7".repeat(1000) + ",\"c\":1e-1000}");

        assertThat(canonicalizer.canonical(params, Map.of("a", "string", "b", "integer", "c", "number")))
                .isEqualTo("{\"a\":\"1" + "0".repeat(1000) + "\",\"b\":\"" + "7".repeat(1000) + "\",\"c\":0}");
    }

    @Test
    void decidesIntegerFromTheLiteralNotFromItsValue() {
        // an integer literal past 2^53 - 1 becomes a string; the same value with a fraction or an
        // exponent is a JCS number (the nearest double), as the TypeScript client and the Python
        // reference decide it
        JsonObject params = parse("{\"a\":12345678901234568,\"b\":1.2345678901234568e+16,"
                + "\"c\":9.007199254740993e15,\"d\":9007199254740993.0,\"e\":1.00e2,\"f\":100}");

        assertThat(canonicalizer.canonical(params, Map.of()))
                .isEqualTo("{\"a\":\"12345678901234568\",\"b\":12345678901234568,\"c\":9007199254740992,"
                        + "\"d\":9007199254740992,\"e\":100,\"f\":100}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"q\":\"\\ud800\"}",              // high surrogate alone
        "{\"q\":\"a\\udc00b\"}",            // low surrogate alone
        "{\"q\":\"\\ude00\\ud83d\"}",       // a pair in the wrong order
        "{\"q\":[\"ok\",{\"\\ud800\":1}]}", // in a nested key
        "{\"q\":{\"k\":\"\\ud83d\"}}"       // at the end of a nested value
    })
    void refusesLoneSurrogates(String json) {
        JsonObject params = parse(json);

        assertThatThrownBy(() -> canonicalizer.canonical(params, Map.of("q", "object")))
                .isInstanceOfSatisfying(InvalidParamException.class, e -> {
                    assertThat(e.param()).isEqualTo("q");
                    assertThat(e.reason()).matches("lone surrogate U\\+D[89A-F][0-9A-F]{2}");
                });
    }

    @Test
    void refusesALoneSurrogateInAParamName() {
        JsonObject params = Json.createObjectBuilder().add("p\uD800", 1).build();

        assertThatThrownBy(() -> canonicalizer.canonical(params, Map.of()))
                .isInstanceOf(InvalidParamException.class).hasMessage("p\uD800: lone surrogate U+D800");
    }

    /** Parses as Mizan reads params off the wire: numbers keep their literal. */
    private static JsonObject parse(String json) {
        return (JsonObject) JsonTrees.parse(json, 64);
    }
}
