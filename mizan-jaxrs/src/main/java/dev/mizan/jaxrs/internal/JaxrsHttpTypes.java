package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.HttpTypes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Tells the engine and the registry which types are JAX-RS's (found with {@code ServiceLoader}). */
public final class JaxrsHttpTypes implements HttpTypes {

    /** For {@link java.util.ServiceLoader}. */
    public JaxrsHttpTypes() {
    }

    @Override
    public boolean isResponse(Class<?> type) {
        return Response.class.isAssignableFrom(type);
    }

    @Override
    public boolean passesThrough(Throwable failure) {
        return failure instanceof WebApplicationException;
    }
}
