package dev.mizan.jaxrs.internal;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * Takes Mizan's generic resources ({@code ctx/{name}}, {@code call/{name}}, {@code {document}}) out of
 * the MicroProfile OpenAPI document: the application's {@code META-INF/openapi.json}, written at build
 * time, lists each context and function as an operation of its own instead (docs/how-to/operations.md),
 * and the filter puts back that file's {@code x-mizan-*} extensions where the server dropped them
 * ({@link StaticExtensions}).
 * Named by {@code mp.openapi.filter} in this jar's {@code META-INF/microprofile-config.properties}; the
 * server instantiates it only where MicroProfile OpenAPI is present.
 */
public class OpenApiFilter implements OASFilter {

    private static final List<String> GENERIC = List.of("/ctx/{name}", "/call/{name}", "/{document}");

    /** For the server, which instantiates filters by class name. */
    public OpenApiFilter() {
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        List.copyOf(paths.getPathItems().keySet()).stream()
                .filter(OpenApiFilter::generic)
                .forEach(paths::removePathItem);
        // this class sits in the application's WEB-INF/lib: its loader sees the application's static file
        StaticExtensions.restore(openAPI, OpenApiFilter.class.getClassLoader());
    }

    static boolean generic(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return GENERIC.stream().anyMatch(trimmed::endsWith);
    }
}
