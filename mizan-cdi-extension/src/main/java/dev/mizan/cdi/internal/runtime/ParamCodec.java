package dev.mizan.cdi.internal.runtime;

import static dev.mizan.cdi.internal.json.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Converts one param between its JSON value and its Java value, chosen once per param at deployment
 * (docs/internals/read-and-call-paths.md). Strings, whole numbers and booleans convert directly, so a
 * read converts each such param once; every other type goes through Mizan's JSON-B. {@link #normal}
 * is the JSON value Mizan's JSON-B writes for the Java value, the form purge counters are named from,
 * so a purge computed from Java arguments reaches the entries read with the same values.
 */
abstract class ParamCodec {

    /** Binds a JSON value (never JSON null) that has passed the integer-range check. */
    abstract Object bind(JsonValue value, Jsonb jsonb);

    /** @return the JSON value Mizan's JSON-B writes for {@code arg} (never null) */
    abstract JsonValue normal(Object arg, Jsonb jsonb);

    static ParamCodec of(Type type) {
        ParamCodec direct = DIRECT.get(type);
        if (direct != null) {
            return direct;
        }
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        return raw instanceof Class<?> c && Set.class.isAssignableFrom(c) ? new Unordered(type) : new ViaJsonb(type);
    }

    /**
     * @return whether the param is a set, whose elements may arrive in any order: its normal form is
     *         sorted, and a purge by it cannot name one stableKey (docs/internals/cache-design.md)
     */
    boolean unordered() {
        return false;
    }

    /** @return the array's elements in the order of their JSON text, else the value itself */
    static JsonValue sorted(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return value;
        }
        JsonArrayBuilder b = JSON.createArrayBuilder();
        array.stream().sorted(Comparator.comparing(JsonValue::toString)).forEach(b::add);
        return b.build();
    }

    /** @return the JSON value Mizan's JSON-B writes for {@code arg}, of any type */
    static JsonValue viaJsonb(Object arg, Jsonb jsonb) {
        return JSON.createReader(new StringReader(jsonb.toJson(arg))).readValue();
    }

    /** Everything else: Mizan's JSON-B, in both directions. */
    private static class ViaJsonb extends ParamCodec {
        private final Type type;

        ViaJsonb(Type type) {
            this.type = type;
        }

        @Override
        Object bind(JsonValue value, Jsonb jsonb) {
            return jsonb.fromJson(value.toString(), type);
        }

        @Override
        JsonValue normal(Object arg, Jsonb jsonb) {
            return viaJsonb(arg, jsonb);
        }
    }

    /** A {@code Set}: two equal sets may iterate in different orders, so its normal form is sorted. */
    private static final class Unordered extends ViaJsonb {
        Unordered(Type type) {
            super(type);
        }

        @Override
        JsonValue normal(Object arg, Jsonb jsonb) {
            return sorted(super.normal(arg, jsonb));
        }

        @Override
        boolean unordered() {
            return true;
        }
    }

    private static final ParamCodec STRING = new ParamCodec() {
        @Override
        Object bind(JsonValue value, Jsonb jsonb) {
            return value instanceof JsonString s ? s.getString() : GENERIC_STRING.bind(value, jsonb);
        }

        @Override
        JsonValue normal(Object arg, Jsonb jsonb) {
            return JSON.createValue((String) arg);
        }
    };

    private static final ParamCodec GENERIC_STRING = new ViaJsonb(String.class);

    private static final ParamCodec BOOLEAN = new ParamCodec() {
        @Override
        Object bind(JsonValue value, Jsonb jsonb) {
            JsonValue.ValueType type = value.getValueType();
            if (type == JsonValue.ValueType.TRUE || type == JsonValue.ValueType.FALSE) {
                return type == JsonValue.ValueType.TRUE;
            }
            // JSON-B would read 1, "yes" or [true] as a boolean (Yasson: false for 1); the schema says true or false
            throw new IllegalArgumentException("not a JSON boolean");
        }

        @Override
        JsonValue normal(Object arg, Jsonb jsonb) {
            return (Boolean) arg ? JsonValue.TRUE : JsonValue.FALSE;
        }
    };

    /**
     * Whole numbers: the value has passed the range check, so an exact conversion cannot fail; the
     * narrowing to the param's type is chosen at deployment.
     */
    private static final class Whole extends ParamCodec {
        private final LongFunction<Object> narrow;

        Whole(LongFunction<Object> narrow) {
            this.narrow = narrow;
        }

        @Override
        Object bind(JsonValue value, Jsonb jsonb) {
            return narrow.apply(((JsonNumber) value).bigDecimalValue().longValueExact());
        }

        @Override
        JsonValue normal(Object arg, Jsonb jsonb) {
            return JSON.createValue(((Number) arg).longValue());
        }
    }

    private static final Map<Type, ParamCodec> DIRECT = direct();

    private static Map<Type, ParamCodec> direct() {
        ParamCodec longs = new Whole(n -> n);
        ParamCodec ints = new Whole(n -> (int) n);
        ParamCodec shorts = new Whole(n -> (short) n);
        ParamCodec bytes = new Whole(n -> (byte) n);
        return Map.ofEntries(Map.entry(String.class, STRING),
                Map.entry(long.class, longs), Map.entry(Long.class, longs),
                Map.entry(int.class, ints), Map.entry(Integer.class, ints),
                Map.entry(short.class, shorts), Map.entry(Short.class, shorts),
                Map.entry(byte.class, bytes), Map.entry(Byte.class, bytes),
                Map.entry(boolean.class, BOOLEAN), Map.entry(Boolean.class, BOOLEAN));
    }
}
