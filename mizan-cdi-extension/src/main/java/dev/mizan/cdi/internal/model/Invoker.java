package dev.mizan.cdi.internal.model;

/**
 * Calls the annotated method on its bean's contextual reference (so the bean's own interceptors run).
 * Built once per method at deployment; no reflection lookups per call.
 */
@FunctionalInterface
public interface Invoker {

    /**
     * @param args   the bound arguments, in the method's order
     * @param before runs with the target instance just before the call (Mizan validates the
     *               arguments there, so a violation is a 400 rather than the container's 500)
     * @return the method's result
     * @throws Throwable whatever the method throws, unwrapped
     */
    Object invoke(Object[] args, java.util.function.Consumer<Object> before) throws Throwable;
}
