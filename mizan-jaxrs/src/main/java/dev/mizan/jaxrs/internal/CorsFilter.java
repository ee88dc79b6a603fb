package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.config.Origins;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * CORS for the origins in {@code mizan.cors.origins} (off when empty): answers preflights and lets
 * those origins read responses and Mizan's headers. {@code /session} never gets CORS headers, so a
 * cross-site page can never read a CSRF token (docs/reference/protocol.md).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String EXPOSED = "ETag, Mizan-Protocol, Mizan-Schema, Mizan-Cache, Mizan-Invalidate, Mizan-CSRF-Token, Mizan-Event-Id";
    static final String ALLOWED_HEADERS = "Content-Type, Mizan-CSRF, Authorization, If-None-Match";

    private final EngineLookup engine = new EngineLookup();

    @Context
    Configuration config;

    @Context
    Application app;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getMethod().equals(HttpMethod.OPTIONS)
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            allowedOrigin(request, corsOrigins()).ifPresent(origin -> request.abortWith(Response.ok()
                    .header("Access-Control-Allow-Methods", "GET, POST")
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", "600")
                    .build()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        List<String> allowed = corsOrigins();
        if (allowed.isEmpty()) {
            return;
        }
        // With CORS on, whether a response carries the headers below depends on Origin, so every
        // response says so: a shared cache must not serve a same-origin answer to a listed origin.
        MultivaluedMap<String, Object> headers = response.getHeaders();
        addVaryOrigin(headers);
        allowedOrigin(request, allowed).ifPresent(origin -> {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Allow-Credentials", "true");
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED);
        });
    }

    /** @return {@code mizan.cors.origins}, or none outside Mizan's application (CORS off there) */
    private List<String> corsOrigins() {
        return MizanMarker.inside(config, app) ? engine.get().settings().corsOrigins() : List.of();
    }

    /** @return the request's {@code Origin} when CORS applies to it */
    private static Optional<String> allowedOrigin(ContainerRequestContext request, List<String> allowed) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || allowed.isEmpty() || isSession(request)) {
            return Optional.empty();
        }
        return CrossSite.listed(Origins.normalize(origin), allowed) ? Optional.of(origin) : Optional.empty();
    }

    private static boolean isSession(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.equals("session") || trimmed.startsWith("session/");
    }

    private static void addVaryOrigin(MultivaluedMap<String, Object> headers) {
        Object vary = headers.getFirst("Vary");
        if (vary == null) {
            headers.putSingle("Vary", "Origin");
        } else if (!vary.toString().contains("Origin")) {
            headers.putSingle("Vary", vary + ", Origin");
        }
    }
}
