package dev.mizan.cdi.internal.model;

import jakarta.json.JsonObject;
import java.lang.reflect.Type;

/**
 * One parameter of a context or function, resolved at deployment.
 *
 * @param name        the wire name
 * @param index       position in the Java method's parameter list
 * @param type        the Java generic type
 * @param required    a primitive, {@code @NotNull}, {@code @NotBlank} or {@code @NotEmpty}
 * @param stringTyped its JSON Schema type is exactly {@code string}: a query value is taken raw,
 *                    not parsed as JSON text (docs/reference/protocol.md)
 * @param schema      its JSON Schema (may hold {@code $ref}s into the schema's {@code types})
 */
public record ParamModel(String name, int index, Type type, boolean required, boolean stringTyped, JsonObject schema) {
}
