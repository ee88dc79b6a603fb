package dev.mizan.cdi.internal.model;

import dev.mizan.Scope;
import jakarta.json.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A context (read) as the registry holds it: immutable, complete, validated.
 *
 * @param name        the context's name
 * @param scope       PUBLIC or USER
 * @param policy      cache settings
 * @param params      params in declaration order
 * @param returnType  the Java generic return type
 * @param returns     the JSON Schema of the result
 * @param access      role rule
 * @param method      the annotated method (for messages and the schema, never invoked reflectively)
 * @param invoker     calls it
 */
public record ContextModel(String name, Scope scope, CachePolicy policy, List<ParamModel> params,
                           Type returnType, JsonObject returns, Access access, Method method, Invoker invoker) {

    /** Copies the params. */
    public ContextModel {
        params = List.copyOf(params);
    }

    /** @return the param of that wire name */
    public Optional<ParamModel> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    /** @return params by wire name */
    public Map<String, ParamModel> paramsByName() {
        return params.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(ParamModel::name, p -> p));
    }
}
