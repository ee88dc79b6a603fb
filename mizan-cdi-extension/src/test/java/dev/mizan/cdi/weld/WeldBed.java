package dev.mizan.cdi.weld;

import dev.mizan.cdi.MizanExtension;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

/** Starts Weld SE with only the given beans and Mizan's extension (no discovery, no beans.xml). */
final class WeldBed {

    static {
        // the extension refuses to deploy without mizan.secret unless in development mode
        System.setProperty("mizan.secret", "weld-bed-secret-0123456789abcdef");
    }

    private WeldBed() {
    }

    /**
     * Starts with extra system properties, read afresh (MicroProfile Config is released before and
     * after, so other tests see the usual config); the properties are removed afterwards.
     *
     * @return what the start threw, or null when it started (the container is then closed)
     */
    static Throwable startFailure(java.util.Map<String, String> properties, Class<?>... beans) {
        java.util.Map<String, String> before = set(properties);
        try (SeContainer ignored = start(beans)) {
            return null;
        } catch (RuntimeException e) {
            return e;
        } finally {
            set(before);
        }
    }

    /** Runs work in a container started with extra system properties. */
    static void with(java.util.Map<String, String> properties, java.util.function.Consumer<SeContainer> work, Class<?>... beans) {
        java.util.Map<String, String> before = set(properties);
        try (SeContainer cdi = start(beans)) {
            work.accept(cdi);
        } finally {
            set(before);
        }
    }

    /** Sets (or, for null values, clears) properties; returns the values they had. */
    private static java.util.Map<String, String> set(java.util.Map<String, String> properties) {
        java.util.Map<String, String> before = new java.util.HashMap<>();
        properties.forEach((k, v) -> {
            before.put(k, System.getProperty(k));
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        releaseConfig();
        return before;
    }

    private static void releaseConfig() {
        org.eclipse.microprofile.config.spi.ConfigProviderResolver resolver = org.eclipse.microprofile.config.spi.ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(Thread.currentThread().getContextClassLoader()));
    }

    /** Calls a function as an anonymous HTTP call would, inside a request context (which collects its invalidations). */
    static dev.mizan.cdi.internal.engine.CallResult call(SeContainer cdi, String name, jakarta.json.JsonObject args) {
        return call(cdi, name, args, TestCallers.ANONYMOUS);
    }

    /** The same, as {@code caller}. */
    static dev.mizan.cdi.internal.engine.CallResult call(SeContainer cdi, String name, jakarta.json.JsonObject args,
                                                         dev.mizan.cdi.internal.engine.Caller caller) {
        jakarta.enterprise.context.control.RequestContextController rc =
                cdi.select(jakarta.enterprise.context.control.RequestContextController.class).get();
        rc.activate();
        try {
            return cdi.select(dev.mizan.cdi.internal.engine.MizanEngine.class).get().call(name, args, caller);
        } finally {
            rc.deactivate();
        }
    }

    /** @return every message of a failure, its causes and suppressed exceptions, one a line */
    static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                all.append(s.getMessage()).append('\n');
            }
        }
        return all.toString();
    }

    static SeContainer start(Class<?>... beans) {
        return initializer(beans).initialize();
    }

    /** Starts with an alternative stereotype selected, as a {@code beans.xml} listing it would. */
    static SeContainer startSelecting(Class<? extends java.lang.annotation.Annotation> stereotype, Class<?>... beans) {
        return initializer(beans).selectAlternativeStereotypes(stereotype).initialize();
    }

    private static SeContainerInitializer initializer(Class<?>... beans) {
        return SeContainerInitializer.newInstance().disableDiscovery()
                .addBeanClasses(beans)
                .addExtensions(new MizanExtension());
    }
}
