package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.ParamModel;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import dev.mizan.cdi.internal.json.JsonTrees;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * Turns a context's query string into the JSON object of its params, exactly as sent (docs/reference/protocol.md):
 * a string-typed param takes the raw value, any other a JSON text. Repeated, undeclared and
 * unparseable params are {@code 400 invalid_params}; {@code _mz} is the client's cache-buster.
 */
final class WireParams {

    static final String CACHE_BUSTER = "_mz";

    private WireParams() {
    }

    static JsonObject fromQuery(ContextModel ctx, OperationPlan plan, Map<String, List<String>> query, int maxDepth) {
        if (query.isEmpty()) {
            return JsonValue.EMPTY_JSON_OBJECT; // the usual read of a context without params
        }
        FieldErrors errors = new FieldErrors();
        JsonObjectBuilder out = JSON.createObjectBuilder();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            if (CACHE_BUSTER.equals(name)) {
                continue;
            }
            ParamModel p = plan.byName().get(name);
            if (p == null) {
                errors.add(name, "is not a parameter of '" + ctx.name() + "'");
            } else if (e.getValue().size() != 1) {
                errors.add(name, "must be given once");
            } else if (p.stringTyped()) {
                out.add(name, JSON.createValue(e.getValue().get(0)));
            } else {
                // the parser stops at maxDepth (no recursion: a URL can nest thousands deep)
                boolean[] tooDeep = new boolean[1];
                JsonValue v = JsonTrees.parse(e.getValue().get(0), maxDepth, () -> tooDeep[0] = true);
                if (tooDeep[0]) {
                    errors.add(name, "is nested deeper than " + maxDepth);
                } else if (v == null) {
                    errors.add(name, "is not " + expected(p));
                } else {
                    out.add(name, v);
                }
            }
        }
        errors.throwIfAny();
        return out.build();
    }

    /** @return what the param's query value must be, in the words of its schema type */
    private static String expected(ParamModel p) {
        JsonValue type = p.schema().get("type");
        String name = type instanceof JsonString t ? t.getString() : "";
        return switch (name) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> "a JSON value";
        };
    }
}
