package dev.mizan.jaxrs.internal;

import java.util.HashSet;
import java.util.Set;
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

    private static final String CTX = "/ctx/{name}";
    private static final String CALL = "/call/{name}";
    private static final String DOCUMENT = "/{document}";

    /** For the server, which instantiates filters by class name. */
    public OpenApiFilter() {
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        generic(paths.getPathItems().keySet()).forEach(paths::removePathItem);
        // this class sits in the application's WEB-INF/lib: its loader sees the application's static file
        StaticExtensions.restore(openAPI, OpenApiFilter.class.getClassLoader());
    }

    /**
     * @param paths the document's paths
     * @return Mizan's generic ones: under each base that holds {@code ctx/{name}}, that path, {@code call/{name}}
     *         and {@code {document}}. Anchored on the base, so an application's own path that merely ends the
     *         same way ({@code /api/files/{document}}) stays
     */
    static Set<String> generic(Set<String> paths) {
        Set<String> generic = new HashSet<>();
        for (String path : paths) {
            String trimmed = trim(path);
            if (trimmed.endsWith(CTX)) {
                String base = trimmed.substring(0, trimmed.length() - CTX.length());
                Set<String> mizan = Set.of(base + CTX, base + CALL, base + DOCUMENT);
                paths.stream().filter(p -> mizan.contains(trim(p))).forEach(generic::add);
            }
        }
        return generic;
    }

    private static String trim(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
