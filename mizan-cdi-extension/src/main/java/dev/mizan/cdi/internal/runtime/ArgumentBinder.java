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

    static Object[] bind(OperationPlan plan, JsonObject values, Jsonb jsonb) {
        FieldErrors errors = new FieldErrors();
        for (String k : values.keySet()) {
            if (!plan.byName().containsKey(k)) {
                errors.add(k, "is not a parameter");
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
                args[p.index()] = plan.absent()[i];
                continue;
            }
            String problem = NumberFit.problem(p.type(), v);
            if (problem == null && plan.nestedNumbers()[i] != null) {
                problem = plan.nestedNumbers()[i].problem(v);
            }
            if (problem != null) {
                errors.add(p.name(), problem);
                continue;
            }
            try {
                args[p.index()] = plan.codecs()[i].bind(v, jsonb);
                String canonical = plan.canonicalText()[i] ? canonicalText(plan.codecs()[i], args[p.index()], v, jsonb) : null;
                if (canonical != null) {
                    errors.add(p.name(), "is not in its canonical form: send " + canonical);
                }
            } catch (JsonbException | IllegalArgumentException | ArithmeticException e) {
                errors.add(p.name(), "is not a valid " + p.schema().getString("type", "value"));
            }
        }
        errors.throwIfAny();
        return args;
    }

    /**
     * One value, one text: the invalidations and events of a call name a value as Mizan's JSON-B writes
     * it, and a client matches them against the text it sent (docs/reference/protocol.md), so
     * {@code 2024-01-01T00:00:00.000Z} for an {@code Instant}, or an upper-case {@code UUID}, would never
     * match (and would split the cache).
     *
     * @return the text to send instead, or null when {@code sent} is that text
     */
    private static String canonicalText(ParamCodec codec, Object bound, JsonValue sent, Jsonb jsonb) {
        if (bound == null || !(sent instanceof jakarta.json.JsonString text)) {
            return null;
        }
        JsonValue normal = codec.normal(bound, jsonb);
        return normal instanceof jakarta.json.JsonString n && !n.getString().equals(text.getString()) ? n.getString() : null;
    }
}
