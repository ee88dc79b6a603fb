/**
 * Mizan's cache on Redis: {@link dev.mizan.cache.jedis.RedisCacheBackendFactory}, the backend named
 * {@code redis}. Everything else in this module is internal.
 */
package dev.mizan.cache.jedis;
