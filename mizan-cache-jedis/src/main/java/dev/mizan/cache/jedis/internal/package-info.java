/**
 * The Redis cache backend. Internal, may change: applications switch it on with
 * {@code mizan.cache.backend=redis} and configure it with the {@code mizan.cache.redis.*} keys
 * (docs/how-to/redis.md); they never use these classes.
 */
package dev.mizan.cache.jedis.internal;
