package dev.mizan.cdi.weld;

import dev.mizan.cdi.internal.engine.HttpTypes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Stands in for mizan-jaxrs's HttpTypes in this module's tests (mizan-jaxrs depends on this module). */
public final class TestHttpTypes implements HttpTypes {

    @Override
    public boolean isResponse(Class<?> type) {
        return Response.class.isAssignableFrom(type);
    }

    @Override
    public boolean passesThrough(Throwable failure) {
        return failure instanceof WebApplicationException;
    }
}
