package dev.mizan.cdi.internal.engine;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What the HTTP layer's types are, for the few places the engine and the registry must recognise
 * one: the registry knows no HTTP (docs/internals/modules.md), so {@code mizan-jaxrs} says it, through
 * {@link ServiceLoader}. Without an implementation nothing is recognised. Internal, may change.
 */
public interface HttpTypes {

    /** Recognises nothing: no HTTP layer is present. */
    HttpTypes NONE = new HttpTypes() {
        @Override
        public boolean isResponse(Class<?> type) {
            return false;
        }

        @Override
        public boolean passesThrough(Throwable failure) {
            return false;
        }
    };

    /**
     * @param type a function's return type, or a returned value's class
     * @return whether it is the HTTP layer's response type (passed through, not serialised)
     */
    boolean isResponse(Class<?> type);

    /**
     * @param failure what an operation threw
     * @return whether the HTTP layer answers it itself (a JAX-RS {@code WebApplicationException})
     */
    boolean passesThrough(Throwable failure);

    /**
     * @param failure a failure {@link #passesThrough} accepted
     * @return what to throw in its place: the HTTP layer's own answer to it, without anything that must
     *         not reach the client (the default: the failure itself)
     */
    default RuntimeException passedThrough(RuntimeException failure) {
        return failure;
    }

    /**
     * @param failure a failure {@link #passesThrough} accepted
     * @return the error code its answer carries (docs/reference/errors.md), for metrics; empty when unknown
     */
    default Optional<String> errorCode(Throwable failure) {
        return Optional.empty();
    }

    /**
     * @param type a class that declares operations or {@code @Invalidates} methods
     * @return whether it is also one of the application's own HTTP resources (a JAX-RS {@code @Path}
     *         class), which the server's OpenAPI scan must keep listing (docs/how-to/operations.md)
     */
    default boolean isResource(Class<?> type) {
        return false;
    }

    /** @return the implementation on Mizan's (or else the application's) class path, or {@link #NONE} */
    static HttpTypes find() {
        for (ClassLoader cl : new ClassLoader[] {HttpTypes.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            if (cl != null) {
                for (HttpTypes t : ServiceLoader.load(HttpTypes.class, cl)) {
                    return t;
                }
            }
        }
        return NONE;
    }
}
