package dev.mizan.cdi.internal.discovery;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The classes that declare the application's operations and {@code @Invalidates} methods, recorded once
 * at deployment. MicroProfile OpenAPI's scanner is told to skip them (docs/how-to/operations.md): their
 * operations reach {@code /openapi} through the application's static document, and Payara Micro's scanner
 * fails on Bean Validation annotations of parameters that are not JAX-RS parameters.
 * Static on purpose: Mizan's jars sit in each application's {@code WEB-INF/lib}, so each application has
 * its own copy, and the configuration that reads it is not a CDI bean.
 */
public final class OperationClasses {

    private static volatile String names;

    private OperationClasses() {
    }

    /** @param classes the deployment's classes (replacing what an earlier deployment in this class loader recorded) */
    public static void record(Collection<Class<?>> classes) {
        names = classes.isEmpty() ? null
                : classes.stream().map(Class::getName).sorted().distinct().collect(Collectors.joining(","));
    }

    /** @return the class names, sorted and comma-separated, or null before deployment or when there are none */
    public static String names() {
        return names;
    }
}
