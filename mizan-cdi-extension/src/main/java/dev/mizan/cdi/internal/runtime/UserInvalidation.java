package dev.mizan.cdi.internal.runtime;

import static dev.mizan.cdi.internal.json.JsonProviders.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;

/**
 * What {@code Invalidation.user} tells the streams of every node: the call's event id and the user's keyed
 * token (the HMAC the user's cache counters are named with, never the name), so that each node can tell that
 * user's own streams which of their contexts went stale (docs/how-to/live-updates.md). Travels as one line of
 * JSON with the purge, as an {@link InvalidationEvent} does.
 *
 * @param id        the event id
 * @param userToken the user's token ({@code CacheKeys#userToken})
 */
record UserInvalidation(String id, String userToken) {

    /** @return the one-line JSON text */
    String encode() {
        StringWriter out = new StringWriter();
        try (var g = JSON.createGenerator(out)) {
            g.writeStartObject().write("id", id).write("user", userToken).writeEnd();
        }
        return out.toString();
    }

    /** @return the user purge a text holds, or empty when it is none */
    static Optional<UserInvalidation> decode(String text) {
        try (JsonReader r = JSON.createReader(new StringReader(text))) {
            JsonObject o = r.readObject();
            if (o.get("id") instanceof JsonString id && o.get("user") instanceof JsonString user && !o.containsKey("context")) {
                return Optional.of(new UserInvalidation(id.getString(), user.getString()));
            }
            return Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
