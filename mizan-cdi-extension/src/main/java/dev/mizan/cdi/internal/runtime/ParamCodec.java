package dev.mizan.cdi.internal.runtime;

import static dev.mizan.cdi.internal.json.JsonProviders.JSON;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.lang.reflect.Type;

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
        if (type == String.class) {
            return STRING;
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class) {
            return new Whole(type);
        }
        if (type == boolean.class || type == Boolean.class) {
            return BOOLEAN;
        }
        return new ViaJsonb(type);
    }

    /** Everything else: Mizan's JSON-B, in both directions. */
    private static final class ViaJsonb extends ParamCodec {
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
            return JSON.createReader(new StringReader(jsonb.toJson(arg))).readValue();
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
            if (value == JsonValue.TRUE || value == JsonValue.FALSE || value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE) {
                return value.getValueType() == JsonValue.ValueType.TRUE;
            }
            return jsonb.fromJson(value.toString(), Boolean.class);
        }

        @Override
        JsonValue normal(Object arg, Jsonb jsonb) {
            return (Boolean) arg ? JsonValue.TRUE : JsonValue.FALSE;
        }
    };

    /** Whole numbers: the value has passed the range check, so an exact conversion cannot fail. */
    private static final class Whole extends ParamCodec {
        private final Type type;

        Whole(Type type) {
            this.type = type;
        }

        @Override
        Object bind(JsonValue value, Jsonb jsonb) {
            long n = ((JsonNumber) value).bigDecimalValue().longValueExact();
            if (type == long.class || type == Long.class) {
                return n;
            }
            if (type == int.class || type == Integer.class) {
                return (int) n;
            }
            if (type == short.class || type == Short.class) {
                return (short) n;
            }
            return (byte) n;
        }

        @Override
        JsonValue normal(Object arg, Jsonb jsonb) {
            return JSON.createValue(((Number) arg).longValue());
        }
    }
}
