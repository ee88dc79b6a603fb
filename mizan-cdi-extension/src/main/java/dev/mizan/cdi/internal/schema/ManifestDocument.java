package dev.mizan.cdi.internal.schema;

import dev.mizan.cdi.internal.model.ContextModel;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/**
 * The manifest served at {@code GET /mizan/manifest} (docs/reference/protocol.md): what a CDN needs per context, its
 * path (relative to the application's context root), scope, edge TTLs in seconds and purge tags.
 * <pre>{@code {"version":1,"tagHeader":"Cache-Tag","contexts":[{"name":"catalog","path":"/mizan/ctx/catalog",
 *   "scope":"public","browserMaxAge":0,"edgeMaxAge":300,"staleWhileRevalidate":60,"tags":["mizan-ctx-catalog"]}]}}</pre>
 */
public final class ManifestDocument {

    /** The document format's version. */
    public static final int VERSION = 1;

    private static final String CONTEXT_PATH = "/mizan/ctx/";
    private static final String TAG_PREFIX = "mizan-ctx-";

    private ManifestDocument() {
    }

    /**
     * @param contexts  the registry's contexts
     * @param tagHeader the response header that carries purge tags ({@code mizan.edge.tag-header})
     * @return the manifest, contexts sorted by name
     */
    public static JsonObject build(Collection<ContextModel> contexts, String tagHeader) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        contexts.stream().sorted(Comparator.comparing(ContextModel::name)).forEach(c -> array.add(JSON.createObjectBuilder()
                .add("name", c.name())
                .add("path", CONTEXT_PATH + c.name())
                .add("scope", c.scope().name().toLowerCase(Locale.ROOT))
                .add("browserMaxAge", c.policy().browserMaxAge().toSeconds())
                .add("edgeMaxAge", c.policy().edgeMaxAge().toSeconds())
                .add("staleWhileRevalidate", c.policy().staleWhileRevalidate().toSeconds())
                .add("tags", JSON.createArrayBuilder().add(tag(c.name())))));
        return JSON.createObjectBuilder().add("version", VERSION).add("tagHeader", tagHeader).add("contexts", array).build();
    }

    /** @return the purge tag of a context, as the HTTP layer also sends it */
    public static String tag(String contextName) {
        return TAG_PREFIX + contextName;
    }
}
