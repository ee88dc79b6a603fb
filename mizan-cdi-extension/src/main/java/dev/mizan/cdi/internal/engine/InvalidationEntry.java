package dev.mizan.cdi.internal.engine;

import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * One element of a call's {@code invalidate} list: {@code {"context": "todos", "params": {"list": 3}}},
 * {@code params} omitted when every entry of the context was purged.
 *
 * @param context the context's name
 * @param params  the narrowing params as JSON values (empty object: all entries)
 */
public record InvalidationEntry(String context, JsonObject params) {

    /** @return the wire form */
    public JsonObject toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("context", context);
        if (!params.isEmpty()) {
            b.add("params", params);
        }
        return b.build();
    }
}
