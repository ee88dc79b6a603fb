package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.HttpTypes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Tells the engine and the registry which types are JAX-RS's (found with {@code ServiceLoader}). */
public final class JaxrsHttpTypes implements HttpTypes {

    /** For {@link java.util.ServiceLoader}. */
    public JaxrsHttpTypes() {
    }

    @Override
    public boolean isResponse(Class<?> type) {
        return Response.class.isAssignableFrom(type);
    }

    /** A class, one of its superclasses or one of their interfaces carries {@code @Path}. */
    @Override
    public boolean isResource(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Path.class)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isResource(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean passesThrough(Throwable failure) {
        return failure instanceof WebApplicationException;
    }

    /** @return the code {@link WebApplicationExceptionMapper} answers a {@code WebApplicationException} with */
    @Override
    public Optional<String> errorCode(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse() != null
                ? Optional.of(WebApplicationExceptionMapper.code(e.getResponse().getStatus()))
                : Optional.empty();
    }

    /**
     * A {@code WebApplicationException} that carries an entity would be sent as it is: the runtime asks no
     * mapper for it (JAX-RS 3.1, section 4.4). It may be a JAX-RS client's, holding the upstream service's
     * page and cookies, or a 5xx page with a stack trace: it is replaced by one with its status and no
     * entity, which {@link WebApplicationExceptionMapper} answers as Mizan's JSON error.
     */
    @Override
    public RuntimeException passedThrough(RuntimeException failure) {
        if (failure instanceof WebApplicationException e && e.getResponse() != null && e.getResponse().hasEntity()) {
            Response own = e.getResponse();
            Response bare = WebApplicationExceptionMapper.keepHeaders(own, Response.status(own.getStatusInfo())).build();
            return new WebApplicationException(e, bare);
        }
        return failure;
    }
}
