package dev.mizan.cdi.internal.json;

import static dev.mizan.cdi.internal.json.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds {@code jakarta.json} trees whose numbers are {@link LiteralNumber}s, so the literal as sent
 * survives to the canonical form and to the bounds check. An explicit stack, never recursion.
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    /**
     * @param parser a parser positioned just after {@code event}
     * @param event  the event of a scalar value
     * @return the value, a number kept as its literal
     */
    public static JsonValue scalar(JsonParser parser, JsonParser.Event event) {
        return event == JsonParser.Event.VALUE_NUMBER ? new LiteralNumber(parser.getString()) : parser.getValue();
    }

    /**
     * @param text     one JSON value (any type)
     * @param maxDepth how deeply objects and arrays may nest
     * @return the value, or {@code null} when the text is not exactly one JSON value or nests deeper
     */
    public static JsonValue parse(String text, int maxDepth) {
        return parse(text, maxDepth, () -> { });
    }

    /**
     * As {@link #parse(String, int)}, and runs {@code tooDeep} when the value nests deeper than
     * {@code maxDepth} (it is then read no further).
     */
    public static JsonValue parse(String text, int maxDepth, Runnable tooDeep) {
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return null;
            }
            JsonValue value = read(parser, parser.next(), maxDepth, tooDeep);
            return value == null || parser.hasNext() ? null : value;
        } catch (RuntimeException e) {
            // JsonParsingException, JsonException, NoSuchElementException, and Parsson's own nesting cap
            return null;
        }
    }

    /**
     * Reads the value that starts with {@code first}.
     *
     * @param parser   the parser, positioned just after {@code first}
     * @param first    the value's first event
     * @param maxDepth how deeply objects and arrays may nest
     * @param tooDeep  run when the value nests deeper (it may throw); the value is then {@code null}
     * @return the value
     */
    public static JsonValue read(JsonParser parser, JsonParser.Event first, int maxDepth, Runnable tooDeep) {
        if (first != JsonParser.Event.START_OBJECT && first != JsonParser.Event.START_ARRAY) {
            return scalar(parser, first);
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(Frame.of(first, null));
        String key = null;
        while (true) {
            JsonParser.Event event = parser.next();
            switch (event) {
                case KEY_NAME -> key = parser.getString();
                case START_OBJECT, START_ARRAY -> {
                    if (stack.size() + 1 > maxDepth) {
                        tooDeep.run();
                        return null;
                    }
                    stack.push(Frame.of(event, key));
                    key = null;
                }
                case END_OBJECT, END_ARRAY -> {
                    Frame done = stack.pop();
                    JsonValue value = done.build();
                    if (stack.isEmpty()) {
                        return value;
                    }
                    stack.peek().add(done.keyInParent(), value);
                }
                default -> {
                    stack.peek().add(key, scalar(parser, event));
                    key = null;
                }
            }
        }
    }

    /** An object or array under construction, and the key it will take in its parent object. */
    private record Frame(JsonObjectBuilder object, JsonArrayBuilder array, String keyInParent) {

        static Frame of(JsonParser.Event start, String key) {
            return start == JsonParser.Event.START_OBJECT
                    ? new Frame(JSON.createObjectBuilder(), null, key)
                    : new Frame(null, JSON.createArrayBuilder(), key);
        }

        void add(String key, JsonValue value) {
            if (object != null) {
                object.add(key, value);
            } else {
                array.add(value);
            }
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }
}
