package dev.mizan.jaxrs.internal;

import static dev.mizan.jaxrs.internal.JsonText.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reserved {@code "$refresh"} member of a call's body (docs/reference/protocol.md): the stableKeys
 * the client has mounted, taken out before the args are bound. A member that is not an array is a
 * {@code 400 bad_request}; elements that are not strings are left out, like keys that do not parse.
 * How many are read is bounded by {@code mizan.limits.max-refresh} when they are, not here: a server
 * configured below what the client lists must not refuse its calls.
 *
 * @param args the body without {@code "$refresh"}
 * @param keys the listed stableKeys; empty when the member is absent
 */
record RefreshRequest(JsonObject args, Optional<List<String>> keys) {

    static final String MEMBER = "$refresh";

    static RefreshRequest of(JsonObject body) {
        JsonValue listed = body.get(MEMBER);
        if (listed == null) {
            return new RefreshRequest(body, Optional.empty());
        }
        if (!(listed instanceof JsonArray array)) {
            throw Problems.badRequest("\"$refresh\" must be an array of stableKeys");
        }
        List<String> keys = new ArrayList<>();
        for (JsonValue v : array) {
            if (v instanceof JsonString s) {
                keys.add(s.getString());
            }
        }
        JsonObjectBuilder rest = JSON.createObjectBuilder(body);
        rest.remove(MEMBER);
        return new RefreshRequest(rest.build(), Optional.of(keys));
    }
}
