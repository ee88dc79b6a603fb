package dev.mizan.cdi.internal.schema;

import dev.mizan.cdi.internal.model.Access;
import dev.mizan.cdi.internal.model.CachePolicy;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.FunctionModel;
import dev.mizan.cdi.internal.model.InvalidationModel;
import dev.mizan.cdi.internal.model.ParamModel;
import dev.mizan.cdi.internal.json.CanonicalJson;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The schema document served at {@code GET /mizan/schema} and read by the code generator (docs/reference/schema.md):
 * <pre>{@code {"version":1,"hash":"…","contexts":[…],"functions":[…],"types":{…}}}</pre>
 * Contexts and functions are sorted by name, so equal registries give equal documents whatever the
 * discovery order. {@code hash} is the lowercase hex SHA-256 of the RFC 8785 form of the document
 * without {@code hash}; it travels in every response's {@code Mizan-Schema} header.
 */
public final class SchemaDocument {

    /** The document format's version. */
    public static final int VERSION = 1;

    private SchemaDocument() {
    }

    /**
     * @param contexts  the registry's contexts
     * @param functions the registry's functions
     * @param types     the named types their schemas reference ({@link TypeSchemas#types()})
     * @return the document, {@code hash} included
     */
    public static JsonObject build(Collection<ContextModel> contexts, Collection<FunctionModel> functions, JsonObject types) {
        JsonArrayBuilder contextArray = JSON.createArrayBuilder();
        contexts.stream().sorted(Comparator.comparing(ContextModel::name)).map(SchemaDocument::context)
                .forEach(contextArray::add);
        JsonArrayBuilder functionArray = JSON.createArrayBuilder();
        functions.stream().sorted(Comparator.comparing(FunctionModel::name)).map(SchemaDocument::function)
                .forEach(functionArray::add);
        JsonObject unhashed = JSON.createObjectBuilder()
                .add("version", VERSION)
                .add("contexts", contextArray)
                .add("functions", functionArray)
                .add("types", types)
                .build();
        return JSON.createObjectBuilder(unhashed).add("hash", hash(unhashed)).build();
    }

    /**
     * @param document a schema document; a {@code hash} member in it is ignored
     * @return lowercase hex SHA-256 of the RFC 8785 canonical form of the document without {@code hash}
     */
    public static String hash(JsonObject document) {
        JsonObject unhashed = document.containsKey("hash") ? JSON.createObjectBuilder(document).remove("hash").build() : document;
        // written in RFC 8785 form straight from the tree (no text that the JCS library parses again)
        byte[] canonical = CanonicalJson.of(unhashed).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static JsonObject context(ContextModel context) {
        JsonObjectBuilder entry = JSON.createObjectBuilder()
                .add("name", context.name())
                .add("scope", context.scope().name().toLowerCase(Locale.ROOT))
                .add("params", params(context.params()))
                .add("returns", context.returns())
                .add("cache", cache(context.policy()));
        access(entry, context.access());
        return entry.build();
    }

    private static JsonObject function(FunctionModel function) {
        JsonArrayBuilder invalidates = JSON.createArrayBuilder();
        function.invalidates().stream()
                .sorted(Comparator.comparing(InvalidationModel::context).thenComparing(i -> String.join(",", i.params())))
                .map(i -> JSON.createObjectBuilder().add("context", i.context())
                        .add("params", JSON.createArrayBuilder(i.params())).build())
                .forEach(invalidates::add);
        JsonObjectBuilder entry = JSON.createObjectBuilder()
                .add("name", function.name())
                .add("params", params(function.params()))
                .add("returns", function.returns())
                .add("invalidates", invalidates)
                .add("sessionInit", function.sessionInit());
        access(entry, function.access());
        return entry.build();
    }

    // declaration order: it is the order of the Java method's arguments, which generated clients mirror
    private static JsonArray params(List<ParamModel> params) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        params.forEach(p -> array.add(JSON.createObjectBuilder()
                .add("name", p.name()).add("schema", p.schema()).add("required", p.required())));
        return array.build();
    }

    private static JsonObject cache(CachePolicy policy) {
        return JSON.createObjectBuilder()
                .add("maxAge", policy.maxAge().toString())
                .add("browserMaxAge", policy.browserMaxAge().toString())
                .add("edgeMaxAge", policy.edgeMaxAge().toString())
                .add("staleWhileRevalidate", policy.staleWhileRevalidate().toString())
                .add("cached", policy.cached())
                .build();
    }

    private static void access(JsonObjectBuilder entry, Access access) {
        entry.add("access", switch (access.kind()) {
            case UNRESTRICTED -> "unrestricted";
            case PERMIT_ALL -> "permitAll";
            case DENY_ALL -> "denyAll";
            case ROLES -> "roles";
        });
        if (access.kind() == Access.Kind.ROLES) {
            entry.add("roles", JSON.createArrayBuilder(new TreeSet<>(access.roles())));
        }
    }
}
