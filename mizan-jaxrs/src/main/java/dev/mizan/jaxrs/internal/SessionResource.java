package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.MizanEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.executable.ExecutableType;
import jakarta.validation.executable.ValidateOnExecution;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /session}: the CSRF token and who the caller is (docs/reference/protocol.md). Refused cross-site
 * whatever {@code mizan.cors.origins} says, and never given CORS headers.
 */
@Path("session")
@ApplicationScoped
// its methods' parameters carry no constraints (the params of a call are validated by the engine, against
// the operation's own method): declared not validated, so the runtime makes no validator per request
@ValidateOnExecution(type = ExecutableType.NONE)
public class SessionResource {

    @Inject
    MizanEngine engine;

    /** @return {@code {"csrfToken", "user"}} and the CSRF cookie */
    @GET
    public Response session(@Context Configuration config, @Context Application app,
                            @Context HttpServletRequest request, @Context HttpServletResponse response) {
        MizanMarker.require(config, app);
        SessionCsrf.refuseCrossSite(request, List.of());
        String token = SessionCsrf.currentOrNew(request, engine);
        Optional<String> user = engine.caller(request).user();
        String body = JsonText.generate(g -> {
            g.writeStartObject().write("csrfToken", token);
            if (user.isPresent()) {
                g.write("user", user.get());
            } else {
                g.writeNull("user");
            }
            g.writeEnd();
        });
        SessionCsrf.addCookie(response, SessionCsrf.setCookie(request, token));
        return Response.ok(JsonEntity.of(body), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, CacheHeaders.PRIVATE_NO_STORE)
                .build();
    }

    /** @return 405, inside Mizan only (404 elsewhere, so the endpoint is not revealed) */
    @POST
    public Response wrongMethod(@Context Configuration config, @Context Application app) {
        MizanMarker.require(config, app);
        throw Problems.methodNotAllowed("GET");
    }
}
