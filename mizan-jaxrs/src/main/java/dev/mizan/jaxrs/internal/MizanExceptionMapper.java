package dev.mizan.jaxrs.internal;

import dev.mizan.MizanException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A {@link MizanException} (Mizan's or the application's) as its status, code and fields. */
public class MizanExceptionMapper implements ExceptionMapper<MizanException> {

    @Override
    public Response toResponse(MizanException e) {
        return ErrorResponses.of(e.status(), e.code(), e.getMessage(), e.fields(), e.id());
    }
}
