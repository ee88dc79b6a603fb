package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.ReadResult;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.executable.ExecutableType;
import jakarta.validation.executable.ValidateOnExecution;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /ctx/{name}}: a context read with its ETag and cache headers (docs/reference/protocol.md, docs/internals/cache-design.md). */
@Path("ctx/{name}")
@ApplicationScoped
// its methods' parameters carry no constraints (the params of a call are validated by the engine, against
// the operation's own method): declared not validated, so the runtime makes no validator per request
@ValidateOnExecution(type = ExecutableType.NONE)
public class ContextResource {

    @Inject
    MizanEngine engine;

    /** Each context's cache headers, which never change after deployment (docs/internals/read-and-call-paths.md). */
    private Map<String, Map<String, String>> headersByContext;
    /** {@code mizan.limits.max-url}, read once: each call through the engine's proxy costs a context lookup. */
    private int maxUrl;

    @PostConstruct
    void computeHeaders() {
        Map<String, Map<String, String>> headers = new HashMap<>();
        String tagHeader = engine.settings().tagHeader();
        engine.contexts().forEach(ctx -> headers.put(ctx.name(), CacheHeaders.of(ctx, tagHeader)));
        headersByContext = Map.copyOf(headers);
        maxUrl = engine.settings().maxUrl();
    }

    /** Makes the container create this resource, and its headers, when the application starts, not on the first read. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object event, BeanManager bm) {
        // delivering the event created the instance; the runtime reaches it through its client proxy, whose
        // class the container generates on first use: asked for here, so the first read does not wait for it
        Bean<?> bean = bm.resolve(bm.getBeans(ContextResource.class));
        bm.getReference(bean, ContextResource.class, bm.createCreationalContext(bean));
        // and the classes of the read's own steps, loaded now rather than by the first read
        EtagMatch.matches(null, "\"\"");
        JsonEntity.of(new byte[0]);
    }

    /**
     * @return the context's value, or 304 when the client's copy is current
     */
    @GET
    // RESTEasy makes a new proxy per request for each interface-typed @Context parameter: the read takes the
    // servlet request alone (CDI's own HttpServletRequest bean costs more), and reads its query and
    // If-None-Match from it (docs/internals/read-and-call-paths.md)
    public Response read(@PathParam("name") String name, @Context Application app, @Context HttpServletRequest request) {
        MizanMarker.require(app);
        if (urlBytes(request, maxUrl) > maxUrl) {
            throw Problems.urlTooLong(maxUrl);
        }
        // the client's cache-buster (_mz) is skipped where the params are read
        Map<String, List<String>> query = QueryParams.parse(request.getQueryString());
        // never request.getSession(true) here: a read must not create a session (docs/reference/protocol.md)
        ReadResult result = engine.read(name, query, engine.caller(request));

        boolean current = EtagMatch.matchesAny(request.getHeaders(HttpHeaders.IF_NONE_MATCH), result.etag());
        Response.ResponseBuilder response = current
                ? Response.notModified()
                : Response.ok(JsonEntity.of(result.body()), MediaType.APPLICATION_JSON_TYPE);
        response.header(HttpHeaders.ETAG, result.etag()).header("Mizan-Cache", result.cache().header());
        headersByContext.get(result.context().name()).forEach(response::header);
        return response.build();
    }

    private static int urlBytes(HttpServletRequest request, int maxUrl) {
        String uri = request.getRequestURI();
        String query = request.getQueryString();
        int chars = uri.length() + (query == null ? 0 : 1 + query.length());
        // a UTF-8 byte count is at most 3 per char: count the bytes only when the URL could exceed the limit
        if (chars * 3 <= maxUrl) {
            return chars;
        }
        return uri.getBytes(StandardCharsets.UTF_8).length + (query == null ? 0 : 1 + query.getBytes(StandardCharsets.UTF_8).length);
    }

    /** @return 405, inside Mizan only (404 elsewhere, so the endpoint is not revealed) */
    @POST
    public Response wrongMethod(@Context Configuration config, @Context Application app) {
        MizanMarker.require(config, app);
        throw Problems.methodNotAllowed("GET");
    }
}
