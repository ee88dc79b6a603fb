package dev.mizan.jaxrs.internal;

import jakarta.json.JsonStructure;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.function.Consumer;

/** Writes JSON text with JSON-P, never by string concatenation, plus an ASCII-only form for headers. */
final class JsonText {

    /** Looked up once: {@code JsonProvider.provider()} runs a service lookup on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    private JsonText() {
    }

    /** @return the compact JSON text of a structure */
    static String of(JsonStructure value) {
        return generate(g -> g.write(value));
    }

    /**
     * @param body writes exactly one JSON value
     * @return the text written
     */
    static String generate(Consumer<JsonGenerator> body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.accept(g);
        }
        return out.toString();
    }

    /**
     * Escapes every character outside printable ASCII as {@code \\uXXXX} (UTF-16 units, so a non-BMP
     * character becomes its surrogate pair). Outside strings JSON text is ASCII already, and inside
     * strings the escape means the same character, so the value is unchanged; header values must be ASCII.
     *
     * @param json JSON text
     * @return the same value, ASCII only
     */
    static String ascii(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
