package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.CallResult;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.Refreshed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/** Turns a call's outcome into its HTTP response, with the session's rotation or end (docs/reference/annotations.md, docs/reference/protocol.md). */
final class CallResponses {

    /** The id of the events a call's purges sent, so the calling tab can ignore their echo. */
    static final String EVENT_ID = "Mizan-Event-Id";

    private CallResponses() {
    }

    /**
     * The CSRF cookie goes straight onto the servlet response (see {@link SessionCsrf#addCookie}), so the
     * container's own {@code Set-Cookie} for the rotated session id survives on every JAX-RS runtime.
     */
    static Response of(CallResult result, Optional<Map<String, Refreshed>> refreshed, HttpServletRequest request,
                       HttpServletResponse servletResponse, MizanEngine engine) {
        Response.ResponseBuilder response = body(result, refreshed);
        if (result.eventId() != null) {
            response.header(EVENT_ID, result.eventId());
        }
        switch (result.session()) {
            case LOGIN -> {
                String token = SessionCsrf.rotate(request, servletResponse, engine);
                response.header(SessionCsrf.TOKEN_HEADER, token);
                SessionCsrf.addCookie(servletResponse, SessionCsrf.setCookie(request, token));
            }
            case LOGOUT -> {
                SessionCsrf.endSession(request);
                SessionCsrf.addCookie(servletResponse, SessionCsrf.clearCookie(request));
            }
            case NONE -> {
                // identity unchanged: the token stays valid
            }
        }
        return response.build();
    }

    private static Response.ResponseBuilder body(CallResult result, Optional<Map<String, Refreshed>> refreshed) {
        if (!(result.value() instanceof Response own)) {
            return Response.ok(JsonEntity.of(CallBody.result(result.json(), result.invalidate(), refreshed)),
                            MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, CacheHeaders.NO_STORE);
        }
        String location = own.getHeaderString(HttpHeaders.LOCATION);
        if (own.getStatusInfo().getFamily() == Response.Status.Family.REDIRECTION && location != null) {
            // fetch() would follow a 3xx itself; the client navigates instead. One without a Location
            // (a 304) sends it nowhere: it passes through as any other Response
            return Response.ok(JsonEntity.of(CallBody.redirect(location, result.invalidate())), MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, CacheHeaders.NO_STORE);
        }
        Response.ResponseBuilder passThrough = Response.fromResponse(own)
                .header(InvalidateHeader.NAME, InvalidateHeader.encode(result.invalidate()));
        if (own.getHeaderString(HttpHeaders.CACHE_CONTROL) == null) {
            passThrough.header(HttpHeaders.CACHE_CONTROL, CacheHeaders.NO_STORE);
        }
        return passThrough;
    }
}
