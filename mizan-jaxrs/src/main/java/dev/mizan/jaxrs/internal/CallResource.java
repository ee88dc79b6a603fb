package dev.mizan.jaxrs.internal;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.CallResult;
import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.cdi.internal.engine.Refreshed;
import dev.mizan.cdi.internal.telemetry.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.executable.ExecutableType;
import jakarta.validation.executable.ValidateOnExecution;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /call/{name}} (docs/reference/protocol.md). Every check that can refuse the call (origin, CSRF,
 * content type, size, depth) runs before the function does, and a refusal is counted here: the engine
 * never sees the call. No {@code @Consumes}: the content type is checked here so the refusal is Mizan's
 * JSON error on every runtime.
 */
@Path("call/{name}")
@ApplicationScoped
// its methods' parameters carry no constraints (the params of a call are validated by the engine, against
// the operation's own method): declared not validated, so the runtime makes no validator per request
@ValidateOnExecution(type = ExecutableType.NONE)
public class CallResource {

    @Inject
    MizanEngine engine;

    @Inject
    ServletExchange exchange;

    /** The body reader, its parser factory made once: the limits never change after deployment. */
    private JsonBodyReader bodies;
    private Metrics metrics;

    @PostConstruct
    void prepare() {
        MizanSettings settings = engine.settings();
        bodies = new JsonBodyReader(JsonText.JSON, settings.maxBody(), settings.maxDepth());
        metrics = engine.metrics();
    }

    /** @return {@code {"result", "invalidate"}}, a redirect, or the function's own response */
    @POST
    public Response call(@PathParam("name") String name, @Context Configuration config, @Context Application app,
                         @Context HttpServletRequest request, @Context HttpServletResponse response,
                         InputStream body) {
        MizanMarker.require(config, app);
        RefreshRequest refresh;
        try {
            refresh = RefreshRequest.of(admitted(request, body));
        } catch (MizanException refused) {
            // so that an operator sees CSRF refusals and misconfigured clients (docs/how-to/operations.md)
            metrics.refused(name, refused.code());
            throw refused;
        }
        exchange.bind(request, response);
        Caller caller = engine.caller(request);
        CallResult result = engine.call(name, refresh.args(), caller);
        // after the purges, as a read right after the call would: the caller is read live (a login counts);
        // never for a function's own Response, whose answer has no room for them
        Optional<Map<String, Refreshed>> refreshed = refresh.keys()
                .filter(keys -> !(result.value() instanceof Response))
                .map(keys -> engine.refresh(keys, result.invalidate(), caller));
        return CallResponses.of(result, refreshed, request, response, engine);
    }

    /** @return the body, read after every check of the request that can refuse the call */
    private JsonObject admitted(HttpServletRequest request, InputStream body) {
        MizanSettings settings = engine.settings();
        SessionCsrf.refuseCrossSite(request, settings.corsOrigins());
        if (settings.csrfEnabled()) {
            SessionCsrf.check(request, engine);
        }
        if (!JsonContentType.accepts(request.getContentType())) {
            throw Problems.unsupportedMediaType();
        }
        if (request.getContentLengthLong() > settings.maxBody()) {
            throw Problems.payloadTooLarge(settings.maxBody());
        }
        return bodies.read(body);
    }

    /** @return 405, inside Mizan only (404 elsewhere, so the endpoint is not revealed) */
    @GET
    public Response wrongMethod(@Context Configuration config, @Context Application app) {
        MizanMarker.require(config, app);
        throw Problems.methodNotAllowed("POST");
    }
}
