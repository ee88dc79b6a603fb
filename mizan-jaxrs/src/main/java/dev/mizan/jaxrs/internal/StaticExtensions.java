package dev.mizan.jaxrs.internal;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.Extensible;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Puts the {@code x-mizan-*} extensions of the application's {@code META-INF/openapi.json} back on the
 * operations (and {@code info}) of the served document where the server left them out: Payara Micro 6 reads the static
 * file's paths and operations but drops every extension (docs/how-to/operations.md). Where the server
 * kept them (WildFly, Open Liberty), nothing changes.
 */
final class StaticExtensions {

    static final String RESOURCE = "META-INF/openapi.json";
    private static final String PREFIX = "x-mizan-";

    private StaticExtensions() {
    }

    /**
     * @param openAPI the document being served
     * @param loader  the application's class loader, which sees its {@code META-INF/openapi.json}
     */
    static void restore(OpenAPI openAPI, ClassLoader loader) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (URL url : resources(loader)) {
            restore(openAPI, read(url));
        }
    }

    static void restore(OpenAPI openAPI, JsonObject file) {
        if (openAPI.getInfo() != null && file.get("info") instanceof JsonObject info) {
            restore(openAPI.getInfo(), info);
        }
        JsonObject paths = file.getJsonObject("paths");
        if (paths == null) {
            return;
        }
        Map<String, PathItem> served = openAPI.getPaths().getPathItems();
        paths.forEach((path, item) -> {
            PathItem target = served.get(path);
            if (target == null || target.getOperations() == null || item.getValueType() != JsonValue.ValueType.OBJECT) {
                return;
            }
            target.getOperations().forEach((method, operation) -> {
                JsonValue declared = item.asJsonObject().get(method.name().toLowerCase(Locale.ROOT));
                if (declared instanceof JsonObject o) {
                    restore(operation, o);
                }
            });
        });
    }

    private static void restore(Extensible<?> target, JsonObject declared) {
        Map<String, Object> present = target.getExtensions() == null ? Map.of() : target.getExtensions();
        declared.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !present.containsKey(name)) {
                target.addExtension(name, plain(value));
            }
        });
    }

    /** JSON-P to the plain values (maps, lists, strings, numbers, booleans) extensions hold. */
    static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((k, v) -> map.put(k, plain(v)));
                yield Collections.unmodifiableMap(map);
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(v -> list.add(plain(v)));
                yield Collections.unmodifiableList(list);
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue()
                    : ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    private static List<URL> resources(ClassLoader loader) {
        try {
            return Collections.list(loader.getResources(RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + RESOURCE, e);
        }
    }

    private static JsonObject read(URL url) {
        try (InputStream in = url.openStream(); JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }
}
