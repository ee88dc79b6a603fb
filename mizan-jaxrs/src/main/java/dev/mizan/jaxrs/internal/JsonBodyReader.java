package dev.mizan.jaxrs.internal;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.json.JsonTrees;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a call's body: a JSON object, at most {@code maxBody} bytes (counted while streaming) and
 * {@code maxDepth} levels deep. Builds the tree with an explicit stack, never recursion, so a body of
 * 10,000 nested arrays is a clean {@code 400 bad_request}, not a {@code StackOverflowError}; numbers
 * keep their literal ({@link dev.mizan.cdi.internal.json.LiteralNumber}) and are not expanded here.
 */
final class JsonBodyReader {

    private final JsonParserFactory parsers;
    private final long maxBody;
    private final int maxDepth;

    JsonBodyReader(JsonProvider json, long maxBody, int maxDepth) {
        this.parsers = json.createParserFactory(Map.of());
        this.maxBody = maxBody;
        this.maxDepth = maxDepth;
    }

    /**
     * @param body the raw request body; closed when done
     * @return the parsed object
     * @throws dev.mizan.MizanException {@code bad_request} or {@code payload_too_large}
     */
    JsonObject read(InputStream body) {
        try (JsonParser parser = parsers.createParser(new LimitedInputStream(body, maxBody), StandardCharsets.UTF_8)) {
            return readObject(parser);
        } catch (MizanException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonParsingException, JsonException wrapping our LimitExceeded, NoSuchElementException at
            // a premature end, and implementation-specific ones (Parsson's own nesting cap is a bare
            // RuntimeException): whatever the parser throws means the body is unacceptable
            if (causedByLimit(e)) {
                throw Problems.payloadTooLarge(maxBody);
            }
            throw Problems.malformedJson();
        }
    }

    private JsonObject readObject(JsonParser parser) {
        if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
            throw Problems.notAnObject();
        }
        JsonValue value = JsonTrees.read(parser, JsonParser.Event.START_OBJECT, maxDepth, () -> {
            throw Problems.tooDeep(maxDepth);
        });
        if (parser.hasNext()) {
            throw Problems.malformedJson();
        }
        return (JsonObject) value;
    }

    private static boolean causedByLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitedInputStream.LimitExceeded) {
                return true;
            }
        }
        return false;
    }
}
