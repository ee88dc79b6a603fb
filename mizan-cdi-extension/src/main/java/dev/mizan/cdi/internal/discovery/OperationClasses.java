package dev.mizan.cdi.internal.discovery;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes that declare the application's operations and {@code @Invalidates} methods, as discovery
 * found them. MicroProfile OpenAPI's scanner is told to skip them (docs/how-to/operations.md): their
 * operations reach {@code /openapi} through the application's static document, and Payara Micro's scanner
 * fails on Bean Validation annotations of parameters that are not JAX-RS parameters.
 * Static on purpose: Mizan's jars sit in each application's {@code WEB-INF/lib}, so each application has
 * its own copy, and the configuration that reads it is not a CDI bean.
 */
public final class OperationClasses {

    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    private OperationClasses() {
    }

    static void add(Class<?> declaring) {
        NAMES.add(declaring.getName());
    }

    /** @return the names of the classes found so far, sorted; empty before discovery */
    public static SortedSet<String> names() {
        return new TreeSet<>(NAMES);
    }
}
