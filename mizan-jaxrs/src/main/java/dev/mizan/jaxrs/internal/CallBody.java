package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.InvalidationEntry;
import java.util.List;

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
        String result = resultJson == null || resultJson.isBlank() ? "null" : resultJson;
        return "{\"result\":" + result + ",\"invalidate\":" + JsonText.of(InvalidateHeader.array(invalidate)) + "}";
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
