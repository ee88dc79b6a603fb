package dev.mizan.cdi.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.json.MizanJsonb;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Numbers inside a param are held to their Java type: what Yasson would bind by truncating, wrapping
 * or as {@code Infinity} is refused before binding, and what it binds exactly is let through (checked against
 * Yasson itself: the numbers it binds, written back, are the ones sent).
 */
class NestedNumbersTest {

    private static final Jsonb JSONB = MizanJsonb.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    public record Line(String sku, int qty, Long total, @JsonbProperty("n") short count) {
    }

    public static class Order {
        public List<Line> lines;
        public Map<String, Integer> counts;
        public long[] ids;
        public Optional<Byte> flag;
    }

    /** A generic wrapper: its elements' type comes from the param's type argument. */
    public record Batch<T>(List<T> items, int size) {
    }

    /** A recursive type: the tree shares one node for it. */
    public record Tree(List<Tree> children, int value) {
    }

    public record Names(String first, List<String> others) {
    }

    public record Price(double amount, Float ratio) {
    }

    /** Reads a decimal amount of money as whole cents: 12.5 is 1250. */
    public static final class Cents implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            return parser.getBigDecimal().movePointRight(2).intValueExact();
        }
    }

    public record Payment(@JsonbTypeDeserializer(Cents.class) int cents, int count) {
    }

    private static final Type LONGS = new Object() { List<Long> t; }.getClass().getDeclaredFields()[0].getGenericType();
    private static final Type BATCH = new Object() { Batch<Line> t; }.getClass().getDeclaredFields()[0].getGenericType();
    private static final Type OPTIONAL_INT = new Object() { Optional<Integer> t; }.getClass().getDeclaredFields()[0].getGenericType();

    @Test
    void refusesWhatYassonWouldTruncateOrWrap() {
        assertRefused(Line.class, "{\"qty\":1.5}", "{\"qty\":3000000000}", "{\"qty\":-2147483649}", "{\"total\":2.25}",
                "{\"total\":9223372036854775808}", "{\"n\":32768}", "{\"n\":0.5}");
        assertRefused(Order.class, "{\"lines\":[{\"qty\":1},{\"qty\":2.5}]}", "{\"counts\":{\"a\":1,\"b\":3000000000}}",
                "{\"ids\":[1,1e30]}", "{\"flag\":128}");
        assertRefused(LONGS, "[1,2,0.5]");
        assertRefused(BATCH, "{\"items\":[{\"qty\":1},{\"qty\":1.5}],\"size\":2}", "{\"items\":[],\"size\":3000000000}");
        assertRefused(OPTIONAL_INT, "1.5", "3000000000");
        // Yasson would bind these as Infinity
        assertRefused(Price.class, "{\"amount\":1e400}", "{\"ratio\":1e39}");
        assertRefused(Tree.class, "{\"value\":1,\"children\":[{\"value\":2,\"children\":[{\"value\":2.5}]}]}");
    }

    @Test
    void hasNothingToCheckWhereNoIntegerCanBe() {
        assertThat(NestedNumbers.inside(Names.class)).isNull();
        assertThat(NestedNumbers.inside(String.class)).isNull();
        assertThat(NestedNumbers.inside(int.class)).as("the param itself is NumberFit's").isNull();
        assertThat(NestedNumbers.inside(Double.class)).as("the param itself is NumberFit's").isNull();
    }

    @Test
    void letsThroughWhatYassonBindsExactly() {
        assertBindsExactly(Line.class, "{\"qty\":2147483647,\"total\":-9223372036854775808,\"n\":-32768}",
                "{\"qty\":1e2,\"total\":100.0}", "{\"qty\":\"12\"}");
        assertBindsExactly(Order.class, "{\"lines\":[{\"qty\":1}],\"counts\":{\"a\":null},\"ids\":[9007199254740993],\"flag\":127}");
        assertBindsExactly(LONGS, "[1,null,-3]");
        assertBindsExactly(OPTIONAL_INT, "7");
        assertBindsExactly(Price.class, "{\"amount\":1.5,\"ratio\":0.25}", "{\"amount\":1e300}");
        assertBindsExactly(BATCH, "{\"items\":[{\"qty\":7}],\"size\":1}");
        assertBindsExactly(Tree.class, "{\"value\":1,\"children\":[{\"value\":2,\"children\":[]}]}");
    }

    @Test
    void leavesNumbersBoundToOtherTypesAndUnknownNamesAlone() {
        // sku is a String, count is not a JSON name (the component is "n"); neither is a whole number's place
        assertThat(NestedNumbers.inside(Line.class).problem(json("{\"sku\":1.5,\"count\":1.5}"))).isNull();
    }

    @Test
    void leavesWhatTheApplicationsOwnDeserializerReadsToIt() {
        assertThat(NestedNumbers.inside(Payment.class).problem(json("{\"cents\":12.5,\"count\":2}"))).isNull();
        assertThat(JSONB.fromJson("{\"cents\":12.5,\"count\":2}", Payment.class)).isEqualTo(new Payment(1250, 2));
        assertRefused(Payment.class, "{\"cents\":12.5,\"count\":2.5}");
    }

    private static void assertRefused(Type type, String... texts) {
        for (String text : texts) {
            assertThat(NestedNumbers.inside(type).problem(json(text))).as("%s as %s", text, type.getTypeName()).isNotNull();
        }
    }

    private static void assertBindsExactly(Type type, String... texts) {
        for (String text : texts) {
            assertThat(NestedNumbers.inside(type).problem(json(text))).as("%s as %s", text, type.getTypeName()).isNull();
            Object bound = JSONB.fromJson(text, type);
            // what Yasson bound, written back, holds the same numbers as what was sent (compared as numbers)
            assertThat(numbers(json(JSONB.toJson(bound)))).as("%s bound as %s", text, type.getTypeName())
                    .containsAll(numbers(json(text)));
        }
    }

    private static List<String> numbers(JsonValue v) {
        return switch (v.getValueType()) {
            case NUMBER -> List.of(((jakarta.json.JsonNumber) v).bigDecimalValue().stripTrailingZeros().toPlainString());
            case ARRAY -> v.asJsonArray().stream().flatMap(x -> numbers(x).stream()).toList();
            case OBJECT -> v.asJsonObject().values().stream().flatMap(x -> numbers(x).stream()).toList();
            default -> List.of();
        };
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }
}
