package dev.mizan.tck.framework;

import java.io.StringReader;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * An HTTP response as the TCK sees it: status, headers, body text, plus JSON accessors.
 *
 * @param status  the status code
 * @param headers the response headers
 * @param body    the body decoded as UTF-8 (empty for 304)
 */
public record Reply(int status, HttpHeaders headers, String body) {

    /** @return the first value of a header, case-insensitively */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** @return every value of a header */
    public List<String> headers(String name) {
        return headers.allValues(name);
    }

    /** @return the body parsed as any JSON value */
    public JsonValue jsonValue() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            throw new AssertionError("Body is not JSON (status " + status + "): " + abbreviated(), e);
        }
    }

    /** @return the body parsed as a JSON object */
    public JsonObject json() {
        JsonValue v = jsonValue();
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AssertionError("Body is not a JSON object (status " + status + "): " + abbreviated());
        }
        return v.asJsonObject();
    }

    /** @return {@code error.code} of a Mizan error body */
    public String errorCode() {
        return error().getString("code");
    }

    /** @return the {@code error} object of a Mizan error body */
    public JsonObject error() {
        JsonObject json = json();
        if (!json.containsKey("error") || json.get("error").getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AssertionError("Not a Mizan error body (status " + status + "): " + abbreviated());
        }
        return json.getJsonObject("error");
    }

    /** @return the body cut to 500 characters, for messages */
    public String abbreviated() {
        return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }

    @Override
    public String toString() {
        return status + " " + headers.map() + " " + abbreviated();
    }
}
