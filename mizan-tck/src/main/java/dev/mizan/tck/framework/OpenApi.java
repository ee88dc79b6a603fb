package dev.mizan.tck.framework;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The server's MicroProfile OpenAPI document ({@link TestProperty#OPENAPI}), read as JSON, for one
 * deployment. Servers differ in whether a path carries the deployment's context root: {@link #prefix()}
 * is the context root when Mizan's paths start with it, else empty (the paths are then relative to the
 * document's server, the deployment).
 */
public final class OpenApi {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final HttpTck http;
    private final JsonObject document;
    private final String prefix;

    private OpenApi(HttpTck http, JsonObject document) {
        this.http = http;
        this.document = document;
        String root = http.contextRoot();
        this.prefix = !root.isEmpty() && paths().keySet().stream().anyMatch(p -> p.startsWith(root + "/mizan/")) ? root : "";
    }

    /**
     * GETs the document as JSON (both the {@code Accept} header and {@code format=JSON}: servers answer
     * YAML by default).
     *
     * @param base the deployment's URL; the server root beside it is the default document's root
     * @throws AssertionError with the reply when it is not a JSON OpenAPI document
     */
    public static OpenApi of(URL base) {
        HttpTck http = HttpTck.of(base);
        String location = TestProperty.OPENAPI.required();
        Reply r = http.get(location + (location.contains("?") ? "&" : "?") + "format=JSON", "Accept", "application/json");
        if (r.status() != 200) {
            throw new AssertionError("GET " + location + " did not answer 200: " + r);
        }
        JsonObject document;
        try {
            document = r.json();
        } catch (RuntimeException e) {
            throw new AssertionError("GET " + location + " did not answer JSON: " + r, e);
        }
        if (!document.containsKey("openapi")) {
            throw new AssertionError("not an OpenAPI document: " + r);
        }
        return new OpenApi(http, document);
    }

    /** @return the context root when the document's paths carry it, else "" */
    public String prefix() {
        return prefix;
    }

    /** @return every path item by path */
    public Map<String, JsonObject> paths() {
        JsonObject paths = document.getJsonObject("paths");
        Map<String, JsonObject> items = new TreeMap<>();
        if (paths != null) {
            paths.forEach((path, item) -> items.put(path, item.asJsonObject()));
        }
        return items;
    }

    /** @return the path items whose path contains the text */
    public Map<String, JsonObject> pathsContaining(String text) {
        Map<String, JsonObject> items = new TreeMap<>(paths());
        items.keySet().removeIf(p -> !p.contains(text));
        return items;
    }

    /**
     * @param path   a path under the deployment, e.g. {@code /mizan/ctx/book} ({@link #prefix()} is added)
     * @param method lower-case HTTP method
     * @return the operation
     * @throws AssertionError when the document has none there
     */
    public JsonObject operation(String path, String method) {
        JsonObject item = paths().get(prefix + path);
        if (item == null || !(item.get(method) instanceof JsonObject operation)) {
            throw new AssertionError("no " + method + " at " + prefix + path + " in " + this);
        }
        return operation;
    }

    /**
     * GETs a path as the document lists it: under the server root when it carries the context root,
     * else under the deployment.
     */
    public Reply get(String listedPath) {
        return http.get(prefix.isEmpty() ? listedPath.substring(1) : listedPath);
    }

    /** @return the HTTP methods a path item holds, in lower case */
    public static List<String> methods(JsonObject item) {
        return item.keySet().stream().filter(METHODS::contains).sorted().toList();
    }

    @Override
    public String toString() {
        String text = document.toString();
        return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
    }

    /** @return the whole document */
    public JsonValue json() {
        return document;
    }
}
