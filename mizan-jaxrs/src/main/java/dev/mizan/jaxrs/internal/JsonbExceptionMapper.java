package dev.mizan.jaxrs.internal;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A JSON-B failure reaching the runtime (a body it could not bind) as {@code 400 bad_request}. */
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        return ErrorResponses.of(400, "bad_request", "The request body does not match the expected JSON");
    }
}
