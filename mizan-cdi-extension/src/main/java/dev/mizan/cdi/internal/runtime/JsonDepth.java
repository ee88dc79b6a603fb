package dev.mizan.cdi.internal.runtime;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Measures how deeply a parsed JSON value nests (scalars are depth 0). */
final class JsonDepth {

    private JsonDepth() {
    }

    static int of(JsonValue v) {
        if (v instanceof JsonObject o) {
            return 1 + o.values().stream().mapToInt(JsonDepth::of).max().orElse(0);
        }
        if (v instanceof JsonArray a) {
            return 1 + a.stream().mapToInt(JsonDepth::of).max().orElse(0);
        }
        return 0;
    }
}
