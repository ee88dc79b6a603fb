package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.discovery.OperationClasses;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tells MicroProfile OpenAPI's annotation scanner to skip the classes that declare Mizan operations
 * ({@code mp.openapi.scan.exclude.classes}): they are CDI beans, not JAX-RS resources, and their
 * operations reach {@code /openapi} through the application's static document instead. Without it,
 * Payara Micro 6's scanner throws on the first {@code /openapi} request when an operation's parameter
 * carries a Bean Validation constraint, and keeps serving the half-built document
 * (docs/how-to/operations.md). WildFly's and Open Liberty's scanners skip such classes anyway.
 * <p>
 * Its ordinal is below the application's own {@code META-INF/microprofile-config.properties} (100):
 * an application that sets the key itself replaces this list and must name these classes too.
 * Registered through {@code META-INF/services}; discovery runs before any {@code /openapi} request.
 */
public final class OpenApiScanExclusions implements ConfigSource {

    static final String KEY = "mp.openapi.scan.exclude.classes";
    private static final int ORDINAL = 50;

    @Override
    public Set<String> getPropertyNames() {
        return OperationClasses.names() == null ? Set.of() : Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? OperationClasses.names() : null;
    }

    @Override
    public String getName() {
        return "mizan: classes declaring Mizan operations, left out of the OpenAPI scan";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
