package dev.mizan.jaxrs.internal;

import dev.mizan.Scope;
import dev.mizan.cdi.internal.model.CachePolicy;
import dev.mizan.cdi.internal.model.ContextModel;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP cache headers of a context read (docs/internals/cache-design.md). */
final class CacheHeaders {

    static final String NO_STORE = "no-store";
    static final String PRIVATE_NO_STORE = "private, no-store";

    private CacheHeaders() {
    }

    /**
     * @param context   the context read
     * @param tagHeader the configured tag header name ({@code Cache-Tag}, {@code Surrogate-Key}, ...)
     * @return header name to value, in a stable order
     */
    static Map<String, String> of(ContextModel context, String tagHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (context.scope() == Scope.PUBLIC) {
            CachePolicy p = context.policy();
            headers.put("Cache-Control", "public, max-age=" + p.browserMaxAge().toSeconds()
                    + ", s-maxage=" + p.edgeMaxAge().toSeconds()
                    + ", stale-while-revalidate=" + p.staleWhileRevalidate().toSeconds());
            headers.put(tagHeader, tag(context.name()));
        } else {
            // revalidate every time: the entry belongs to one principal and must never be shared
            headers.put("Cache-Control", "private, no-cache");
            headers.put("Vary", "Cookie, Authorization");
        }
        return headers;
    }

    /** @return the edge tag naming every entry of the context */
    static String tag(String contextName) {
        return "mizan-ctx-" + contextName;
    }
}
