package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.json.NumberBounds;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a JSON value may be bound to a param's Java type, decided from each number's precision and
 * scale before anything is expanded (docs/reference/security.md, "Limits"): every number anywhere in
 * the value within {@link NumberBounds}; an integer param takes exactly an integral number within its
 * Java range (JSON-B implementations are lenient: Yasson truncates 1.5 to 1 and wraps 3000000000
 * into an int), and so does every integer inside it (a record's {@code int}, a {@code List<Long>}'s
 * elements, a map's values); a floating-point param a number that does not overflow it.
 */
final class NumberFit {

    private static final Map<Type, BigInteger> INTEGER_MAX = Map.of(
            long.class, BigInteger.valueOf(Long.MAX_VALUE), Long.class, BigInteger.valueOf(Long.MAX_VALUE),
            int.class, BigInteger.valueOf(Integer.MAX_VALUE), Integer.class, BigInteger.valueOf(Integer.MAX_VALUE),
            short.class, BigInteger.valueOf(Short.MAX_VALUE), Short.class, BigInteger.valueOf(Short.MAX_VALUE),
            byte.class, BigInteger.valueOf(Byte.MAX_VALUE), Byte.class, BigInteger.valueOf(Byte.MAX_VALUE));
    /** Digits of the largest integer type, {@code long}: a longer integer part cannot fit any. */
    private static final int LONG_DIGITS = 19;

    private NumberFit() {
    }

    /**
     * @param type the param's Java type
     * @param v    the value as received (not null)
     * @return what is wrong, fit to show the client, or {@code null} when the value may be bound
     */
    static String problem(Type type, JsonValue v) {
        String bounds = bounds(v);
        if (bounds == null && v instanceof JsonString s && (type == BigDecimal.class || type == BigInteger.class)) {
            // a big number may come as a string; JSON-B reads a top-level one without Mizan's deserialisers
            String problem = NumberBounds.problem(s.getString());
            bounds = problem == null || problem.equals(NumberBounds.NOT_A_NUMBER) ? null : "number " + problem;
        }
        if (bounds != null) {
            return bounds;
        }
        BigInteger max = INTEGER_MAX.get(type);
        if (max != null) {
            return v instanceof JsonNumber n && fitsInteger(n.bigDecimalValue(), max)
                    ? null : "is not a valid " + type.getTypeName();
        }
        if (v instanceof JsonNumber n && (type == double.class || type == Double.class)
                && Double.isInfinite(n.bigDecimalValue().doubleValue())) {
            return "is out of range for a double";
        }
        if (v instanceof JsonNumber n && (type == float.class || type == Float.class)
                && Float.isInfinite(n.bigDecimalValue().floatValue())) {
            return "is out of range for a float";
        }
        return inside(type, v);
    }

    /**
     * Reads, at deployment, the bound properties of every class a param of {@code type} can hold, so the
     * first request does not ({@link BoundProperties} keeps them).
     */
    static void prepare(Type type) {
        prepare(type, new HashSet<>());
    }

    private static void prepare(Type type, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            prepare(p.getRawType(), seen);
            for (Type argument : p.getActualTypeArguments()) {
                prepare(argument, seen);
            }
        } else if (type instanceof GenericArrayType array) {
            prepare(array.getGenericComponentType(), seen);
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                prepare(c.getComponentType(), seen);
            } else {
                BoundProperties.of(c).values().forEach(t -> prepare(t, seen));
            }
        }
    }

    /**
     * The first whole number inside {@code v} that its Java type cannot hold exactly, walking the type
     * and the value together: elements of collections and arrays, values of maps, properties of
     * records and classes ({@link BoundProperties}). Strings are left to JSON-B, which parses them
     * strictly; type variables and wildcards are not followed.
     */
    private static String inside(Type type, JsonValue v) {
        if (v instanceof JsonArray array) {
            Type element = element(type);
            if (element != null) {
                for (JsonValue item : array) {
                    String problem = at(element, item);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        } else if (v instanceof JsonObject object) {
            Class<?> raw = raw(type);
            if (raw != null && Map.class.isAssignableFrom(raw)) {
                Type value = argument(type, 1);
                for (JsonValue item : value == null ? List.<JsonValue>of() : object.values()) {
                    String problem = at(value, item);
                    if (problem != null) {
                        return problem;
                    }
                }
            } else if (raw != null) {
                for (Map.Entry<String, Type> property : BoundProperties.of(raw).entrySet()) {
                    JsonValue item = object.get(property.getKey());
                    String problem = item == null ? null : at(property.getValue(), item);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        }
        return null;
    }

    private static String at(Type type, JsonValue v) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return at(p.getActualTypeArguments()[0], v);
        }
        BigInteger max = INTEGER_MAX.get(type);
        if (max != null) {
            return v instanceof JsonNumber n && !fitsInteger(n.bigDecimalValue(), max)
                    ? "holds a number that is not a valid " + type.getTypeName() : null;
        }
        return inside(type, v);
    }

    /** The element type of a collection or array type, or {@code null}. */
    private static Type element(Type type) {
        if (type instanceof GenericArrayType array) {
            return array.getGenericComponentType();
        }
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        Class<?> raw = raw(type);
        return raw != null && Collection.class.isAssignableFrom(raw) ? argument(type, 0) : null;
    }

    private static Class<?> raw(Type type) {
        return type instanceof Class<?> c ? c : type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : null;
    }

    /** The first number anywhere in {@code v} that is beyond {@link NumberBounds}; the depth is already capped. */
    private static String bounds(JsonValue v) {
        if (v instanceof JsonNumber n) {
            String problem = NumberBounds.problem(n);
            return problem == null ? null : "number " + problem;
        }
        Iterable<JsonValue> children = v instanceof JsonObject o ? o.values()
                : v instanceof JsonArray a ? a : List.of();
        for (JsonValue child : children) {
            String problem = bounds(child);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static boolean fitsInteger(BigDecimal d, BigInteger max) {
        if (d.signum() == 0) {
            return true;
        }
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits <= 0 || integerDigits > LONG_DIGITS) {
            return false; // |d| < 1, or more digits than any integer type holds: nothing is expanded
        }
        if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
            return false; // a fraction (bounded: at most NumberBounds.MAX_DIGITS digits to strip)
        }
        BigInteger i = d.toBigIntegerExact(); // at most 19 digits here
        return i.compareTo(max) <= 0 && i.compareTo(max.negate().subtract(BigInteger.ONE)) >= 0;
    }
}
