package dev.mizan.cache.jedis.internal;

/**
 * Thrown by the Redis backend, at once and without touching the network, while Redis is known to be
 * unreachable or this node's purge subscription is lost. Mizan's origin cache turns it into a bypass.
 */
public final class CacheUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CacheUnavailableException(String message) {
        // no stack trace: this is the expected, frequent answer during an outage
        super(message, null, false, false);
    }
}
