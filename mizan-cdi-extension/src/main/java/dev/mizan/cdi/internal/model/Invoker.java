package dev.mizan.cdi.internal.model;

/**
 * Calls the annotated method on its bean's contextual reference (so the bean's own interceptors run).
 * Built once per method at deployment; no reflection lookups per call.
 */
@FunctionalInterface
public interface Invoker {

    /**
     * @param args the bound arguments, in the method's order
     * @return the method's result
     * @throws Throwable whatever the method throws, unwrapped
     */
    Object invoke(Object[] args) throws Throwable;
}
