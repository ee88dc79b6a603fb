package dev.mizan.cache.jedis.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Every numbered message of this module (range MZRD00001-00999 in message-ranges.txt), one method
 * each. None of them ever carries a password or a URL that may hold one.
 */
final class Messages {

    private static final Logger LOG = System.getLogger("dev.mizan.cache.jedis");

    private Messages() {
    }

    static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("MZRD00001: " + key + " must be " + expected + ", not '" + value + "'");
    }

    static IllegalArgumentException missing(String key, String mode) {
        return new IllegalArgumentException("MZRD00002: " + key + " is required when mizan.cache.redis.mode=" + mode);
    }

    /** Thrown, without a stack trace, while Mizan bypasses Redis; the origin cache answers {@code bypass}. */
    static CacheUnavailableException unavailable() {
        return new CacheUnavailableException("MZRD00003: Redis is unreachable or this node's purge subscription is "
                + "lost; reads bypass the cache until it is back");
    }

    static void started(RedisSettings settings) {
        LOG.log(Level.INFO, "MZRD00100: Redis cache backend on {0} (timeout {1}, prefix {2}, TLS {3})",
                settings.where(), settings.timeout(), settings.prefix(), settings.ssl() ? "on" : "off");
    }

    static void evictsCounters(String where, String policy) {
        LOG.log(Level.WARNING, "MZRD00101: Redis {0} has maxmemory-policy {1}, which may evict Mizan''s purge counters; "
                + "evicted counters only cost misses, but set noeviction or a volatile-* policy so that only cache "
                + "entries (which all have a TTL) are evicted", where, policy);
    }

    static void policyUnknown(String reason) {
        LOG.log(Level.INFO, "MZRD00102: could not read Redis''s maxmemory-policy ({0}); make sure it is noeviction "
                + "or a volatile-* policy", reason);
    }

    static void subscriptionLost(String reason) {
        LOG.log(Level.WARNING, "MZRD00103: lost the Redis purge subscription ({0}); this node bypasses the cache "
                + "until it is back", reason);
    }

    static void subscriptionBack(boolean resubscription, boolean epochBumped) {
        LOG.log(Level.INFO, resubscription
                ? "MZRD00104: the Redis purge subscription is back; bumped the epoch, so nothing cached before is served"
                : epochBumped
                ? "MZRD00104: subscribed to Redis purges; bumped the epoch, as Redis is not the one Mizan last saw "
                        + "(new, restarted or failed over) or could not tell, so nothing cached before is served"
                : "MZRD00104: subscribed to Redis purges");
    }

    static void epochBumpFailed(String reason) {
        LOG.log(Level.WARNING, "MZRD00105: the Redis purge subscription is back but the epoch could not be bumped ({0}); "
                + "still bypassing, retrying", reason);
    }

    static void listenerFailed(RuntimeException e) {
        LOG.log(Level.WARNING, "MZRD00106: a purge listener failed", e);
    }

    /** Deleted between our {@code SET NX} and {@code GET}: a stamp must not claim a value Redis does not hold. */
    static IllegalStateException counterVanished(String counter) {
        return new IllegalStateException("MZRD00004: counter " + counter + " vanished while it was read");
    }

    /** The purge is recorded, so every node's cache is right, but no node's clients heard of it. */
    static IllegalStateException eventLost(String counter, RuntimeException cause) {
        return new IllegalStateException("MZRD00108: the purge of " + counter + " is recorded, but its event could not "
                + "be published to the nodes (" + reason(cause) + ")", cause);
    }

    static void publishFailed(String counter, String reason) {
        LOG.log(Level.WARNING, "MZRD00108: the purge of {0} is recorded, but telling the other nodes failed ({1})",
                counter, reason);
    }

    static void closeFailed(RuntimeException e) {
        LOG.log(Level.DEBUG, "MZRD00107: closing the Redis client failed", e);
    }

    /** Describes a failure for a log line: its type and message, never a stack trace of a routine outage. */
    static String reason(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
