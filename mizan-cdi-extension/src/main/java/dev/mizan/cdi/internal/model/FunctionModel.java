package dev.mizan.cdi.internal.model;

import jakarta.json.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

/**
 * A function (call) as the registry holds it: immutable, complete, validated.
 *
 * @param name        the function's name
 * @param params      params in declaration order
 * @param returnType  the Java generic return type ({@code void} allowed)
 * @param returns     the JSON Schema of the result ({@code {"type":"null"}} for void)
 * @param access      role rule
 * @param sessionInit whether it carries {@code @SessionInit}
 * @param invalidates its own {@code @Invalidates}, for the schema (purging happens in the interceptor)
 * @param method      the annotated method
 * @param invoker     calls it
 */
public record FunctionModel(String name, List<ParamModel> params, Type returnType, JsonObject returns,
                            Access access, boolean sessionInit, List<InvalidationModel> invalidates,
                            Method method, Invoker invoker) {

    /** Copies the lists. */
    public FunctionModel {
        params = List.copyOf(params);
        invalidates = List.copyOf(invalidates);
    }
}
