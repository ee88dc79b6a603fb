package dev.mizan.cdi.internal.cache;

import dev.mizan.spi.CacheBackend;
import dev.mizan.spi.CacheBackendFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds the {@link CacheBackendFactory} named by {@code mizan.cache.backend} with {@link ServiceLoader}.
 * The value {@code none} (cache off) names no backend: callers handle it before asking here.
 */
public final class CacheBackends {

    /** Backends Mizan ships outside this jar, and the artifact that brings each. */
    private static final Map<String, String> ARTIFACTS = Map.of("redis", "dev.mizan:mizan-cache-jedis");

    private CacheBackends() {
    }

    /**
     * Creates the named backend.
     *
     * @param name   the value of {@code mizan.cache.backend}
     * @param config reads a {@code mizan.*} key
     * @return a ready backend
     * @throws IllegalStateException when no factory on the class path has that name; the message
     *                               names the artifact to add and the backends available
     */
    public static CacheBackend load(String name, Function<String, Optional<String>> config) {
        Map<String, CacheBackendFactory> factories = factories();
        CacheBackendFactory factory = factories.get(name);
        if (factory == null) {
            throw notFound(name, factories);
        }
        return factory.create(config);
    }

    /** Factories by name, the thread context class loader's (the application's) first. */
    static Map<String, CacheBackendFactory> factories() {
        Map<String, CacheBackendFactory> found = new LinkedHashMap<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            addAll(found, ServiceLoader.load(CacheBackendFactory.class, context));
        }
        addAll(found, ServiceLoader.load(CacheBackendFactory.class, CacheBackends.class.getClassLoader()));
        return found;
    }

    private static void addAll(Map<String, CacheBackendFactory> found, ServiceLoader<CacheBackendFactory> loader) {
        for (CacheBackendFactory factory : loader) {
            found.putIfAbsent(factory.name(), factory);
        }
    }

    private static IllegalStateException notFound(String name, Map<String, CacheBackendFactory> factories) {
        String available = " (available: " + String.join(", ", factories.keySet()) + ")";
        String artifact = ARTIFACTS.get(name);
        if (artifact != null) {
            return new IllegalStateException("mizan.cache.backend=" + name + " needs " + artifact
                    + " in WEB-INF/lib" + available);
        }
        return new IllegalStateException("mizan.cache.backend=" + name + " names no cache backend: no "
                + CacheBackendFactory.class.getName() + " of that name is registered in META-INF/services"
                + available);
    }
}
