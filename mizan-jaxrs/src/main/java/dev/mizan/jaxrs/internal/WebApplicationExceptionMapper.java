package dev.mizan.jaxrs.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A {@link WebApplicationException}, from the runtime (unknown path, wrong method) or the
 * application, as a JSON error with its status (docs/reference/errors.md). Its own response's headers
 * are dropped, but for those a client needs to act on a status: one a JAX-RS client threw carries the
 * upstream service's cookies. (One with an entity never gets here: {@link JaxrsHttpTypes} strips it.)
 */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    /** The headers of the exception's response that say how to act on its status; no others are sent. */
    private static final java.util.List<String> KEPT = java.util.List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE);

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        // the reason phrase, not the message: runtimes put internal detail (full URLs, class names) there
        Response.StatusType info = original.getStatusInfo();
        String message = info.getReasonPhrase() == null ? "HTTP " + status : info.getReasonPhrase();
        Response.ResponseBuilder answer = Response.status(info)
                .entity(JsonEntity.of(ErrorBody.of(code(status), message, java.util.Map.of(), null)))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, CacheHeaders.NO_STORE);
        return keepHeaders(original, answer).build();
    }

    /** Copies the headers of {@code from} that say how to act on its status ({@link #KEPT}), no others. */
    static Response.ResponseBuilder keepHeaders(Response from, Response.ResponseBuilder to) {
        for (String name : KEPT) {
            java.util.List<Object> values = from.getHeaders().get(name);
            if (values != null) {
                values.forEach(v -> to.header(name, v));
            }
        }
        return to;
    }

    /** @return the protocol's code for a status, {@code http_<status>} when it has none */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
    }
}
