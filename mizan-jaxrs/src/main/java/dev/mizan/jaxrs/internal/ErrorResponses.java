package dev.mizan.jaxrs.internal;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Builds the JSON error responses of the exception mappers; errors are never cached. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response of(int status, String code, String message, Map<String, List<String>> fields, String id) {
        return Response.status(status)
                .entity(JsonEntity.of(ErrorBody.of(code, message, fields, id)))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, CacheHeaders.NO_STORE)
                .build();
    }

    static Response of(int status, String code, String message) {
        return of(status, code, message, Map.of(), null);
    }
}
