package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.discovery.OperationClasses;
import dev.mizan.jaxrs.MizanApplication;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tells MicroProfile OpenAPI's annotation scanner to skip Mizan's own JAX-RS classes and the classes that
 * declare Mizan operations ({@code mp.openapi.scan.exclude.classes}; docs/how-to/operations.md).
 * <ul>
 * <li>{@link MizanApplication} and its resources: WildFly's and Open Liberty's scanners give every resource
 * of the WAR the path of whichever {@code Application} they read last, so with Mizan's in the scan the
 * application's own API could be listed under {@code /mizan/...}. Mizan's operations reach {@code /openapi}
 * through the application's static document, not through its generic resources.</li>
 * <li>The classes declaring operations are CDI beans, not JAX-RS resources. Without them here, Payara Micro
 * 6's scanner throws on the first {@code /openapi} request when an operation's parameter carries a Bean
 * Validation constraint, and keeps serving the half-built document.</li>
 * </ul>
 * Its ordinal is below the application's own {@code META-INF/microprofile-config.properties} (100):
 * an application that sets the key itself replaces this list and must name these classes too.
 * Registered through {@code META-INF/services}; discovery runs before any {@code /openapi} request.
 */
public final class OpenApiScanExclusions implements ConfigSource {

    static final String KEY = "mp.openapi.scan.exclude.classes";
    private static final int ORDINAL = 50;
    /** Mizan's JAX-RS application and resources, known when the server reads the key, whenever that is. */
    static final String MIZAN_CLASSES = Stream.of(MizanApplication.class, ContextResource.class, CallResource.class,
            SessionResource.class, SchemaResource.class, EventsResource.class).map(Class::getName).collect(Collectors.joining(","));

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        if (!KEY.equals(propertyName)) {
            return null;
        }
        String operations = OperationClasses.names();
        return operations == null ? MIZAN_CLASSES : MIZAN_CLASSES + "," + operations;
    }

    @Override
    public String getName() {
        return "mizan: Mizan's JAX-RS classes and the classes declaring Mizan operations, left out of the OpenAPI scan";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
