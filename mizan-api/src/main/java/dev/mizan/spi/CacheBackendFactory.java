package dev.mizan.spi;

import java.util.Optional;
import java.util.function.Function;

/**
 * Creates a {@link CacheBackend}; registered in {@code META-INF/services/dev.mizan.spi.CacheBackendFactory}
 * and chosen by the config key {@code mizan.cache.backend}.
 *
 * @since 0.1
 */
public interface CacheBackendFactory {

    /** @return the value of {@code mizan.cache.backend} that selects this factory, e.g. {@code redis} */
    String name();

    /**
     * Creates the backend.
     *
     * @param config reads a {@code mizan.*} config key (full name)
     * @return a ready backend
     */
    CacheBackend create(Function<String, Optional<String>> config);
}
