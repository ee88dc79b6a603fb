package dev.mizan.jaxrs.internal;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A JSON-P failure reaching the runtime (a body it could not parse) as {@code 400 bad_request}. */
public class JsonParseExceptionMapper implements ExceptionMapper<JsonException> {

    @Override
    public Response toResponse(JsonException e) {
        return ErrorResponses.of(400, "bad_request", "The request body is not well-formed JSON");
    }
}
