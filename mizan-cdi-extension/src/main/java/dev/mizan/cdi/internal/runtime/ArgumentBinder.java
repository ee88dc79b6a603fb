package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.model.ParamModel;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.List;

/**
 * Binds a JSON object of named args to a method's arguments with Mizan's JSON-B. Every problem is
 * collected per param and reported as one {@code 400 invalid_params}.
 */
final class ArgumentBinder {

    private ArgumentBinder() {
    }

    static Object[] bind(OperationPlan plan, JsonObject values, Jsonb jsonb, boolean strict) {
        FieldErrors errors = new FieldErrors();
        if (strict && values.size() > 0) {
            for (String k : values.keySet()) {
                if (!plan.byName().containsKey(k)) {
                    errors.add(k, "is not a parameter");
                }
            }
        }
        Object[] args = new Object[plan.arity()];
        List<ParamModel> params = plan.params();
        for (int i = 0; i < params.size(); i++) {
            ParamModel p = params.get(i);
            JsonValue v = values.get(p.name());
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                if (p.required()) {
                    errors.add(p.name(), "is required");
                }
                continue;
            }
            if (!fitsIntegerType(p.type(), v)) {
                errors.add(p.name(), "is not a valid " + p.type().getTypeName());
                continue;
            }
            try {
                args[p.index()] = plan.codecs()[i].bind(v, jsonb);
            } catch (JsonbException | IllegalArgumentException | ArithmeticException e) {
                errors.add(p.name(), "is not a valid " + p.schema().getString("type", "value"));
            }
        }
        errors.throwIfAny();
        return args;
    }

    /**
     * JSON-B implementations are lenient with numbers (Yasson truncates 1.5 to 1 and wraps 3000000000
     * into an int); an integer param takes exactly an integral JSON number within its Java range.
     */
    private static boolean fitsIntegerType(java.lang.reflect.Type type, JsonValue v) {
        java.math.BigInteger max = INTEGER_RANGES.get(type);
        if (max == null) {
            return true;
        }
        if (!(v instanceof jakarta.json.JsonNumber n)) {
            return false;
        }
        java.math.BigDecimal d = n.bigDecimalValue();
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            return false;
        }
        java.math.BigInteger i = d.toBigIntegerExact();
        return i.compareTo(max) <= 0 && i.compareTo(max.negate().subtract(java.math.BigInteger.ONE)) >= 0;
    }

    private static final java.util.Map<java.lang.reflect.Type, java.math.BigInteger> INTEGER_RANGES = java.util.Map.of(
            long.class, java.math.BigInteger.valueOf(Long.MAX_VALUE), Long.class, java.math.BigInteger.valueOf(Long.MAX_VALUE),
            int.class, java.math.BigInteger.valueOf(Integer.MAX_VALUE), Integer.class, java.math.BigInteger.valueOf(Integer.MAX_VALUE),
            short.class, java.math.BigInteger.valueOf(Short.MAX_VALUE), Short.class, java.math.BigInteger.valueOf(Short.MAX_VALUE),
            byte.class, java.math.BigInteger.valueOf(Byte.MAX_VALUE), Byte.class, java.math.BigInteger.valueOf(Byte.MAX_VALUE));
}
