package dev.mizan.cdi.internal.key;

import dev.mizan.cdi.internal.json.CanonicalJson;
import dev.mizan.cdi.internal.json.LiteralNumber;
import dev.mizan.cdi.internal.json.NumberBounds;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes params in their canonical form (docs/internals/key-derivation.md) in one pass over the values
 * as received: null members dropped, integer literals past ±(2^53 − 1) turned into strings, invalid
 * numbers and strings refused, numbers beyond {@link NumberBounds} refused before they are expanded,
 * and the result RFC 8785 text (members sorted by UTF-16 code units, strings and numbers written by
 * {@link CanonicalJson}). One instance per canonicalisation (it holds the text being written).
 */
final class PreparedJson {

    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.TWO.pow(53).subtract(BigInteger.ONE);

    private final StringBuilder out = new StringBuilder();

    /** The top-level object: absent or null params are left out; a string-typed param given as a number becomes a string. */
    String params(Iterable<Map.Entry<String, JsonValue>> params, Map<String, String> schemaTypes) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> param : sorted(params)) {
            String name = param.getKey();
            JsonValue value = param.getValue();
            if (!first) {
                out.append(',');
            }
            first = false;
            string(name, name);
            out.append(':');
            if ("string".equals(schemaTypes.get(name)) && value instanceof JsonNumber number) {
                string(name, plain(name, number));
            } else {
                value(name, value);
            }
        }
        return out.append('}').toString();
    }

    /** One value under the rules that apply inside params. */
    String value(String param, JsonValue value) {
        write(param, value);
        return out.toString();
    }

    private void write(String param, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> object(param, (JsonObject) value);
            case ARRAY -> array(param, (JsonArray) value);
            case STRING -> string(param, ((JsonString) value).getString());
            case NUMBER -> number(param, (JsonNumber) value);
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
        }
    }

    private void object(String param, JsonObject object) {
        out.append('{');
        boolean first = true;
        // JSON-B's default: a null property is not written
        for (Map.Entry<String, JsonValue> member : sorted(object.entrySet())) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(param, member.getKey());
            out.append(':');
            write(param, member.getValue());
        }
        out.append('}');
    }

    private void array(String param, JsonArray array) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(param, array.get(i));
        }
        out.append(']');
    }

    private void number(String param, JsonNumber json) {
        BigDecimal number = bounded(param, json);
        // an integer literal is one written without fraction or exponent, decided from the literal as
        // sent (1.2345678901234568e16 is a JCS number, 12345678901234568 an integer); a number built in
        // Java has no literal, and then scale 0 stands for it
        boolean integer = json instanceof LiteralNumber literal ? literal.integerLiteral() : number.scale() == 0;
        if (integer) {
            BigInteger value = number.toBigIntegerExact(); // bounded: at most MAX_DIGITS digits
            if (value.abs().compareTo(MAX_SAFE_INTEGER) <= 0) {
                out.append(value); // a safe integer's digits are also how ECMAScript writes it
            } else {
                string(param, value.toString());
            }
            return;
        }
        // the nearest double, parsed from the decimal text (correctly rounded), written as ECMAScript does
        double value = Double.parseDouble(number.toString());
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            throw new InvalidParamException(param, "number out of range: " + json);
        }
        CanonicalJson.number(value, out);
    }

    /** The plain form of a number given for a string param; the bounds keep it under about 2,000 characters. */
    private static String plain(String param, JsonNumber json) {
        return bounded(param, json).toPlainString();
    }

    /** Refuses, before any expansion, a number beyond {@link NumberBounds}. */
    private static BigDecimal bounded(String param, JsonNumber json) {
        String problem = NumberBounds.problem(json);
        if (problem != null) {
            throw new InvalidParamException(param, "number " + problem);
        }
        return json.bigDecimalValue();
    }

    private void string(String param, String text) {
        try {
            CanonicalJson.string(text, out);
        } catch (IllegalArgumentException e) {
            throw new InvalidParamException(param, e.getMessage()); // a lone surrogate
        }
    }

    /** The non-null members, in RFC 8785's order: by their names' UTF-16 code units ({@link String#compareTo}). */
    private static List<Map.Entry<String, JsonValue>> sorted(Iterable<Map.Entry<String, JsonValue>> members) {
        List<Map.Entry<String, JsonValue>> kept = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : members) {
            JsonValue value = member.getValue();
            if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                kept.add(member);
            }
        }
        if (kept.size() > 1) {
            kept.sort(Map.Entry.comparingByKey());
        }
        return kept;
    }
}
