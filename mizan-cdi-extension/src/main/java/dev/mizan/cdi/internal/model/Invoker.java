package dev.mizan.cdi.internal.model;

import java.lang.reflect.Method;
import java.util.function.BiConsumer;

/**
 * Calls the annotated method on its bean's contextual reference (so the bean's own interceptors run).
 * Built once per method at deployment; no reflection lookups per call.
 */
@FunctionalInterface
public interface Invoker {

    /**
     * @param args   the bound arguments, in the method's order
     * @param before runs with the reference and the method called on it just before the call (Mizan
     *               validates the arguments there, so a violation is a 400 rather than the container's 500).
     *               That method is the annotated one, or the same method as the business interface of a
     *               session bean declares it, where the reference does not extend the bean class: the
     *               constraints that apply are those declared for the reference's type.
     * @return the method's result
     * @throws Throwable whatever the method throws, unwrapped
     */
    Object invoke(Object[] args, BiConsumer<Object, Method> before) throws Throwable;
}
