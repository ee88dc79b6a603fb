package dev.mizan.cdi.internal.runtime;

import static dev.mizan.cdi.internal.json.JsonProviders.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;

/**
 * What a purge tells the streams of every node: the call's event id, the context and, for a purge of
 * one entry's params, the digest of its stableKey (docs/reference/protocol.md). Never data, never
 * param values. Travels as one line of JSON with the purge (see {@code CacheBackend#increment(String, String)}).
 *
 * @param id      the event id
 * @param context the context's name
 * @param digest  lowercase hex SHA-256 of the stableKey, when the purge names every param
 */
record InvalidationEvent(String id, String context, Optional<String> digest) {

    /** @return the one-line JSON text */
    String encode() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject().write("id", id).write("context", context);
            digest.ifPresent(d -> g.write("digest", d));
            g.writeEnd();
        }
        return out.toString();
    }

    /** @return the event a text holds, or empty when it is not one (a newer or foreign format) */
    static Optional<InvalidationEvent> decode(String text) {
        try (JsonReader r = JSON.createReader(new StringReader(text))) {
            JsonObject o = r.readObject();
            if (!(o.get("id") instanceof JsonString id) || !(o.get("context") instanceof JsonString context)) {
                return Optional.empty();
            }
            Optional<String> digest = o.get("digest") instanceof JsonString d ? Optional.of(d.getString()) : Optional.empty();
            return Optional.of(new InvalidationEvent(id.getString(), context.getString(), digest));
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
