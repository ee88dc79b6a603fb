package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.InvalidationEntry;
import dev.mizan.cdi.internal.engine.Refreshed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON bodies of a successful call (docs/reference/protocol.md). */
final class CallBody {

    private CallBody() {
    }

    /**
     * {@code {"result": <json>, "invalidate": [...]}}. The result is already JSON text from Mizan's
     * JSON-B; it is spliced in as is rather than parsed again only to be written back.
     *
     * @param resultJson the serialised result ({@code null} or {@code "null"} for void)
     * @param invalidate the call's invalidations
     * @return the body
     */
    static String result(String resultJson, List<InvalidationEntry> invalidate) {
        return result(resultJson, invalidate, Optional.empty());
    }

    /**
     * As {@link #result(String, List)}, plus {@code "refreshed": {stableKey: {"data", "updatedAt"}}} when
     * the call asked for it with {@code "$refresh"}; the bodies are JSON text already and spliced in.
     */
    static String result(String resultJson, List<InvalidationEntry> invalidate, Optional<Map<String, Refreshed>> refreshed) {
        String result = resultJson == null || resultJson.isBlank() ? "null" : resultJson;
        StringBuilder out = new StringBuilder("{\"result\":").append(result)
                .append(",\"invalidate\":").append(JsonText.of(InvalidateHeader.array(invalidate)));
        refreshed.ifPresent(map -> {
            out.append(",\"refreshed\":{");
            String comma = "";
            for (Map.Entry<String, Refreshed> e : map.entrySet()) {
                out.append(comma).append(JsonText.JSON.createValue(e.getKey()).toString())
                        .append(":{\"data\":").append(new String(e.getValue().body(), StandardCharsets.UTF_8))
                        .append(",\"updatedAt\":").append(e.getValue().updatedAt()).append('}');
                comma = ",";
            }
            out.append('}');
        });
        return out.append('}').toString();
    }

    /**
     * @param location   the redirect target
     * @param invalidate the call's invalidations
     * @return {@code {"redirect": location, "invalidate": [...]}}
     */
    static String redirect(String location, List<InvalidationEntry> invalidate) {
        return JsonText.generate(g -> g.writeStartObject()
                .write("redirect", location)
                .write("invalidate", InvalidateHeader.array(invalidate))
                .writeEnd());
    }
}
