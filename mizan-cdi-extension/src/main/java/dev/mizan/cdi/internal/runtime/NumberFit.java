package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.json.NumberTypes;
import dev.mizan.cdi.internal.json.NumberBounds;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Whether a JSON value may be bound to a param's Java type, decided from each number's precision and
 * scale before anything is expanded (docs/reference/security.md, "Limits"): every number anywhere in
 * the value within {@link NumberBounds}; an integer param takes exactly an integral number within its
 * Java range (JSON-B implementations are lenient: Yasson truncates 1.5 to 1 and wraps 3000000000
 * into an int); a floating-point param a number that does not overflow it. The same numbers inside
 * a param are {@code NestedNumbers}' job.
 */
final class NumberFit {

    /** {@code OptionalInt} and its kin bind as the primitive they hold, with its range. */
    private static final java.util.Map<Type, Type> HELD = java.util.Map.of(java.util.OptionalInt.class, int.class,
            java.util.OptionalLong.class, long.class, java.util.OptionalDouble.class, double.class);

    private NumberFit() {
    }

    /**
     * @param type the param's Java type
     * @param v    the value as received (not null)
     * @return what is wrong, fit to show the client, or {@code null} when the value may be bound
     */
    static String problem(Type declared, JsonValue v) {
        Type type = HELD.getOrDefault(declared, declared);
        String bounds = bounds(v);
        if (bounds == null && v instanceof JsonString s && (type == BigDecimal.class || type == BigInteger.class)) {
            // a big number may come as a string; JSON-B reads a top-level one without Mizan's deserialisers
            String problem = NumberBounds.problem(s.getString());
            bounds = problem == null || problem.equals(NumberBounds.NOT_A_NUMBER) ? null : "number " + problem;
        }
        if (bounds != null) {
            return bounds;
        }
        if (NumberTypes.integral(type)) {
            return v instanceof JsonNumber n && NumberTypes.fits(type, n.bigDecimalValue())
                    ? null : "is not a valid " + type.getTypeName();
        }
        if (v instanceof JsonNumber n && !NumberTypes.fits(type, n.bigDecimalValue())) {
            return "is out of range for a " + NumberTypes.floatingName(type);
        }
        return null;
    }

    /** The first number anywhere in {@code v} that is beyond {@link NumberBounds}; the depth is already capped. */
    private static String bounds(JsonValue v) {
        if (v instanceof JsonNumber n) {
            String problem = NumberBounds.problem(n);
            return problem == null ? null : "number " + problem;
        }
        Iterable<JsonValue> children = v instanceof JsonObject o ? o.values()
                : v instanceof JsonArray a ? a : java.util.List.of();
        for (JsonValue child : children) {
            String problem = bounds(child);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
