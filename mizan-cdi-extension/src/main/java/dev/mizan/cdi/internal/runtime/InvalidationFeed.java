package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.engine.InvalidationListener;
import dev.mizan.spi.CacheBackend.PurgeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands the purges of every node to the {@link InvalidationListener}s of this node: through the cache
 * backend's purge listeners (Redis pub/sub reaches every node; the memory backend only this one), or
 * directly when there is no cache ({@code mizan.cache.backend=none}). See docs/how-to/live-updates.md.
 */
final class InvalidationFeed implements PurgeListener {

    private static final System.Logger LOG = System.getLogger(InvalidationFeed.class.getName());

    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();
    private final boolean viaBackend;

    /** @param cache the origin cache, or null: then {@link #publish} tells the listeners itself */
    InvalidationFeed(OriginCache cache) {
        this.viaBackend = cache != null;
        if (cache != null) {
            cache.addPurgeListener(this);
        }
    }

    void add(InvalidationListener listener) {
        listeners.add(listener);
    }

    /** @return whether the purge itself carries the event to the listeners (else {@link #publish} must) */
    boolean viaBackend() {
        return viaBackend;
    }

    /** Tells this node's listeners of an event that no backend carries. */
    void publish(InvalidationEvent event) {
        deliver(event);
    }

    @Override
    public void purged(String counter) {
        // a purge without an event (a repurge, a user's logout): nothing to tell the streams
    }

    @Override
    public void purged(String counter, String event) {
        if (event != null) {
            InvalidationEvent.decode(event).ifPresent(this::deliver);
        }
    }

    @Override
    public void resync() {
        for (InvalidationListener l : listeners) {
            try {
                l.resync();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "MZCDI01013: an invalidation listener failed", e);
            }
        }
    }

    private void deliver(InvalidationEvent event) {
        for (InvalidationListener l : listeners) {
            try {
                l.invalidated(event.id(), event.context(), event.digest());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "MZCDI01013: an invalidation listener failed", e);
            }
        }
    }
}
