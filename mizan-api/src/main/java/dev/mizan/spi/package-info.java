/**
 * Service provider interfaces. {@link dev.mizan.spi.CacheBackendFactory} is implemented by cache
 * modules (such as {@code mizan-cache-jedis}) and found with {@link java.util.ServiceLoader};
 * {@link dev.mizan.spi.EdgePurger}, {@link dev.mizan.spi.UserResolver} and
 * {@link dev.mizan.spi.ErrorMapper} are implemented by applications as CDI beans (one bean each,
 * found by type; Mizan falls back to its defaults when none exists).
 */
package dev.mizan.spi;
