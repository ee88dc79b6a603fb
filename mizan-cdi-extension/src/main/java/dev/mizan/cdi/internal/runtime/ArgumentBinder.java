package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.model.ParamModel;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.List;
import java.util.Set;

/**
 * Binds a JSON object of named args to a method's arguments with Mizan's JSON-B. Every problem is
 * collected per param and reported as one {@code 400 invalid_params}.
 */
final class ArgumentBinder {

    private ArgumentBinder() {
    }

    static Object[] bind(List<ParamModel> params, int arity, JsonObject values, Jsonb jsonb, boolean strict) {
        FieldErrors errors = new FieldErrors();
        if (strict) {
            Set<String> declared = params.stream().map(ParamModel::name).collect(java.util.stream.Collectors.toSet());
            values.keySet().stream().filter(k -> !declared.contains(k))
                    .forEach(k -> errors.add(k, "is not a parameter"));
        }
        Object[] args = new Object[arity];
        for (ParamModel p : params) {
            JsonValue v = values.get(p.name());
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                if (p.required()) {
                    errors.add(p.name(), "is required");
                }
                continue;
            }
            String problem = NumberFit.problem(p.type(), v);
            if (problem != null) {
                errors.add(p.name(), problem);
                continue;
            }
            try {
                args[p.index()] = jsonb.fromJson(v.toString(), p.type());
            } catch (JsonbException | IllegalArgumentException | ArithmeticException e) {
                errors.add(p.name(), "is not a valid " + p.schema().getString("type", "value"));
            }
        }
        errors.throwIfAny();
        return args;
    }
}
