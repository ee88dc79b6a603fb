package dev.mizan.jaxrs.internal;

import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;

/**
 * Wraps JSON text that is already written as a {@link StreamingOutput}. A {@code String} or
 * {@code byte[]} entity typed {@code application/json} may be picked up by the runtime's JSON-B
 * provider and written again (as a quoted string, or an array of numbers); a
 * {@code StreamingOutput} is written as is everywhere.
 */
final class JsonEntity {

    private JsonEntity() {
    }

    static StreamingOutput of(byte[] json) {
        return out -> out.write(json);
    }

    static StreamingOutput of(String json) {
        return of(json.getBytes(StandardCharsets.UTF_8));
    }
}
