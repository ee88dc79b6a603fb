package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.cache.OriginCache;
import dev.mizan.cdi.internal.engine.InvalidationListener;
import dev.mizan.spi.CacheBackend.PurgeListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands the purges of every node to the {@link InvalidationListener}s of this node: through the cache
 * backend's purge listeners (Redis pub/sub reaches every node; the memory backend only this one), or
 * directly ({@link #publish}) when there is no cache ({@code mizan.cache.backend=none}) or the backend
 * could not record the purge. The epoch bump that repairs lost purges tells every node to resync.
 * See docs/how-to/live-updates.md.
 */
final class InvalidationFeed implements PurgeListener {

    private static final System.Logger LOG = System.getLogger(InvalidationFeed.class.getName());

    private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();

    /** @param cache the origin cache, or null: then only {@link #publish} tells the listeners */
    InvalidationFeed(OriginCache cache) {
        if (cache != null) {
            cache.addPurgeListener(this);
        }
    }

    void add(InvalidationListener listener) {
        listeners.add(listener);
    }

    /** Tells this node's listeners of an event that no backend carries. */
    void publish(InvalidationEvent event) {
        deliver(event);
    }

    /** Tells this node's listeners of a user purge that no backend carries. */
    void publish(UserInvalidation event) {
        deliver(event);
    }

    @Override
    public void purged(String counter) {
        // a purge without an event (a repurge, a user's logout): nothing to tell the streams
    }

    @Override
    public void purged(String counter, String event) {
        if (OriginCache.RESYNC_EVENT.equals(event)) {
            resync(); // some node lost purges its clients never heard of: every client refetches
        } else if (event != null) {
            Optional<InvalidationEvent> context = InvalidationEvent.decode(event);
            if (context.isPresent()) {
                deliver(context.get());
            } else {
                UserInvalidation.decode(event).ifPresent(this::deliver);
            }
        }
    }

    @Override
    public void lost() {
        tell(InvalidationListener::lost);
    }

    @Override
    public void resync() {
        tell(InvalidationListener::resync);
    }

    private void deliver(UserInvalidation event) {
        tell(l -> l.userInvalidated(event.id(), event.userToken()));
    }

    private void deliver(InvalidationEvent event) {
        tell(l -> l.invalidated(event.id(), event.context(), event.digest()));
    }

    /** Tells every listener; one that fails is logged, and the others are still told. */
    private void tell(Consumer<InvalidationListener> message) {
        for (InvalidationListener l : listeners) {
            try {
                message.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "MZCDI01013: an invalidation listener failed", e);
            }
        }
    }
}
