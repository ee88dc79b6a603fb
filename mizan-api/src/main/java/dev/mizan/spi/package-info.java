/**
 * Service provider interfaces. {@link dev.mizan.spi.CacheBackendFactory} is implemented by cache
 * modules (such as {@code mizan-cache-jedis}) and found with {@link java.util.ServiceLoader};
 * {@link dev.mizan.spi.EdgePurger}, {@link dev.mizan.spi.UserResolver} and
 * {@link dev.mizan.spi.ErrorMapper} are implemented by applications as CDI beans. Several beans of
 * one type are resolved once, at deployment, and ordered by {@code @jakarta.annotation.Priority},
 * highest first (no {@code @Priority} counts as 0; ties go by class name): the first
 * {@code UserResolver} or {@code ErrorMapper} that answers wins, and every {@code EdgePurger} is told.
 * Mizan falls back to its defaults when none answers (docs/reference/spi.md).
 */
package dev.mizan.spi;
