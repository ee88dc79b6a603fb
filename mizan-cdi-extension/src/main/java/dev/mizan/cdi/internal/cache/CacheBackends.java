package dev.mizan.cdi.internal.cache;

import dev.mizan.cdi.internal.config.ConfigMessages;
import dev.mizan.cdi.internal.discovery.Names;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.spi.CacheBackend;
import dev.mizan.spi.CacheBackendFactory;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Creates the cache backend named by {@code mizan.cache.backend} at deployment: {@code memory} is
 * built in, any other name is a {@link CacheBackendFactory} found with {@link ServiceLoader}
 * (docs/reference/spi.md). The value {@code none} (cache off) names no backend: callers handle it first.
 */
public final class CacheBackends {

    /** The built-in backend. */
    public static final String MEMORY = "memory";
    /** The cache off. */
    public static final String NONE = "none";

    /** Backends Mizan ships outside this jar, and the artifact that brings each. */
    private static final Map<String, String> ARTIFACTS = Map.of("redis", "dev.mizan:mizan-cache-jedis");

    private CacheBackends() {
    }

    /**
     * Creates the configured backend.
     *
     * @param settings the core settings (the backend's name, the memory bound)
     * @param config   reads any {@code mizan.*} key, for the factory's own keys
     * @return a ready backend
     * @throws DeploymentException numbered: no factory of that name (naming the artifact to add or
     *                             the nearest name), or the factory failed
     */
    public static CacheBackend create(MizanSettings settings, Function<String, Optional<String>> config) {
        String name = settings.cacheBackend();
        if (MEMORY.equals(name)) {
            return new MemoryCacheBackend(settings.memoryMaxEntries());
        }
        Map<String, CacheBackendFactory> factories = factories();
        CacheBackendFactory factory = factories.get(name);
        if (factory == null) {
            throw notFound(name, factories);
        }
        try {
            return factory.create(config);
        } catch (RuntimeException | LinkageError e) {
            throw ConfigMessages.backendFailed(name, e);
        }
    }

    /**
     * Whether the configured backend is there, without starting it: checked with the other problems of
     * the deployment, so a missing backend is reported with them.
     *
     * @param name {@code mizan.cache.backend}
     * @return the numbered problem when no backend has that name
     */
    public static Optional<DeploymentException> missing(String name) {
        if (MEMORY.equals(name) || NONE.equals(name)) {
            return Optional.empty();
        }
        Map<String, CacheBackendFactory> factories = factories();
        return factories.containsKey(name) ? Optional.empty() : Optional.of(notFound(name, factories));
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

    private static DeploymentException notFound(String name, Map<String, CacheBackendFactory> factories) {
        List<String> available = new ArrayList<>(List.of(MEMORY, NONE));
        available.addAll(factories.keySet());
        String artifact = ARTIFACTS.get(name);
        if (artifact != null) {
            return ConfigMessages.backendMissing(name, artifact, String.join(", ", available));
        }
        List<String> known = new ArrayList<>(available);
        known.addAll(ARTIFACTS.keySet());
        return ConfigMessages.backendUnknown(name, Names.nearest(name, known), String.join(", ", available));
    }
}
