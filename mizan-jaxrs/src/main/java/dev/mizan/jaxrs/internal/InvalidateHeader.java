package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.InvalidationEntry;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code Mizan-Invalidate} header of a call whose function returned its own {@code Response}
 * (docs/reference/annotations.md): the {@code invalidate} list as ASCII-only JSON, at most {@value #MAX_BYTES} bytes.
 * A longer list falls back to one context-level entry per context: coarser, never wrong.
 */
final class InvalidateHeader {

    static final String NAME = "Mizan-Invalidate";
    static final int MAX_BYTES = 4096;

    private InvalidateHeader() {
    }

    /**
     * @param entries the call's invalidations
     * @return the header value
     */
    static String encode(List<InvalidationEntry> entries) {
        String full = JsonText.ascii(JsonText.of(array(entries)));
        if (full.getBytes(StandardCharsets.US_ASCII).length <= MAX_BYTES) {
            return full;
        }
        Set<String> contexts = new LinkedHashSet<>();
        entries.forEach(e -> contexts.add(e.context()));
        JsonProvider json = JsonText.JSON;
        JsonArrayBuilder coarse = json.createArrayBuilder();
        contexts.forEach(c -> coarse.add(json.createObjectBuilder().add("context", c)));
        return JsonText.ascii(JsonText.of(coarse.build()));
    }

    /** @return the list as the JSON array the protocol sends */
    static jakarta.json.JsonArray array(List<InvalidationEntry> entries) {
        JsonArrayBuilder array = JsonText.JSON.createArrayBuilder();
        entries.forEach(e -> array.add(e.toJson()));
        return array.build();
    }
}
