package dev.mizan.cdi.internal.cache;

import dev.mizan.cdi.internal.engine.CacheStatus;
import dev.mizan.spi.CacheBackend;
import dev.mizan.spi.CacheBackend.Entry;
import dev.mizan.spi.CacheBackend.Lookup;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The origin cache of docs/internals/cache-design.md over a {@link CacheBackend}: generation stamps, O(1) purges and
 * single flight per key on this node. Plain Java and thread-safe.
 *
 * <p>An entry is served only while every counter it was stamped with still holds the value it had
 * when the fill began. A fill reads the counters <em>before</em> it computes, so a purge that races
 * the fill bumps a counter past the stamp and the stored entry is never readable.
 *
 * <p>Exceptions from {@code compute} are application errors and propagate unchanged. Backend
 * failures never fail a read: it is computed and answered with {@link CacheStatus#BYPASS}. A purge
 * the backend could not record makes every read bypass until the backend answers again and the
 * global epoch has been bumped ({@link #repair()}), so the lost purge cannot leave stale entries
 * behind. That bump carries {@link #RESYNC_EVENT} to every node's purge listeners: their clients never
 * heard of the lost purge.
 */
public final class OriginCache implements AutoCloseable {

    /** The event that goes with the epoch bump for lost purges: listeners on every node must resync. */
    public static final String RESYNC_EVENT = "resync";

    private static final System.Logger LOG = System.getLogger(OriginCache.class.getName());

    private final CacheBackend backend;
    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
    /** Purges the backend failed to record since the last epoch bump. */
    private final AtomicLong lostPurges = new AtomicLong();
    /** Whether a thread is bumping the epoch for lost purges now. */
    private final AtomicBoolean repairing = new AtomicBoolean();
    private final AtomicBoolean backendDown = new AtomicBoolean();

    /**
     * Whether the backend hands purge events to its listeners: it implements both
     * {@link CacheBackend#increment(String, String)} and {@link CacheBackend#addPurgeListener}. A backend that
     * keeps either default drops them, so this node's listeners are told here, or this node's own clients
     * would never hear of its purges (docs/reference/spi.md).
     */
    private final boolean carriesEvents;
    /** The listeners told here, when the backend carries no events (else none is kept). */
    private final List<CacheBackend.PurgeListener> ownListeners = new CopyOnWriteArrayList<>();

    /** @param backend where entries and counters live; closed by {@link #close()} */
    public OriginCache(CacheBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.carriesEvents = implemented(backend, "increment", String.class, String.class)
                && implemented(backend, "addPurgeListener", CacheBackend.PurgeListener.class);
    }

    private static boolean implemented(CacheBackend backend, String name, Class<?>... parameters) {
        try {
            return backend.getClass().getMethod(name, parameters).getDeclaringClass() != CacheBackend.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * Serves an entry from the cache, or computes, stores and serves it.
     *
     * @param entryKey the full cache key (docs/internals/key-derivation.md)
     * @param counters the counters that stamp the entry ({@link CounterNames#forEntry})
     * @param ttl      how long the entry may live
     * @param compute  produces the body on a miss
     * @return the body, its ETag, and {@code HIT}, {@code MISS} or {@code BYPASS}
     */
    public Served read(String entryKey, List<String> counters, Duration ttl, Supplier<byte[]> compute) {
        if (lostPurges.get() > 0 && !repair()) {
            return bypass(compute);
        }
        Lookup lookup;
        try {
            lookup = backend.lookup(entryKey, counters);
        } catch (RuntimeException e) {
            backendFailed(e);
            return bypass(compute);
        }
        backendAnswered();
        Entry entry = lookup.entry();
        if (entry != null && fresh(entry.stamp(), lookup.counters())) {
            return new Served(entry.body(), entry.etag(), CacheStatus.HIT);
        }
        return fill(entryKey, counters, lookup.counters(), ttl, compute);
    }

    /**
     * Computes without reading or storing.
     *
     * @param compute produces the body
     * @return the body, its ETag and {@code BYPASS}
     */
    public Served bypass(Supplier<byte[]> compute) {
        byte[] body = compute.get();
        return new Served(body, Etags.strong(body), CacheStatus.BYPASS);
    }

    /**
     * Makes every entry stamped with {@code counter} stale, in constant time. Never throws: a purge
     * the backend cannot record switches this node to bypass until it can bump the epoch instead.
     *
     * @param counter a name from {@link CounterNames}
     * @return whether the backend recorded it; if not, it is a lost purge until {@link #repair()}
     */
    public boolean purge(String counter) {
        return purge(counter, null);
    }

    /**
     * Purges as {@link #purge(String)} does and hands {@code event} to the purge listeners of every node
     * sharing the backend ({@link CacheBackend#increment(String, String)}).
     *
     * @param counter a name from {@link CounterNames}
     * @param event   the event text, or {@code null} for none
     * @return whether the backend recorded it (and carries the event); if not, it is a lost purge
     *         until {@link #repair()}, and no node's listeners heard of it
     */
    public boolean purge(String counter, String event) {
        try {
            if (event == null) {
                backend.increment(counter);
            } else {
                backend.increment(counter, event);
                tellOwnListeners(counter, event); // none when the backend carries events
            }
            return true;
        } catch (RuntimeException e) {
            lostPurges.incrementAndGet();
            LOG.log(Level.WARNING, "MZCDI01007: the cache backend could not record the purge of counter " + counter
                    + (event == null ? "" : " or hand on its event")
                    + "; reads bypass the cache until the backend answers again", e);
            return false;
        }
    }

    /** @return whether purges were lost and reads bypass the cache (for a health check) */
    public boolean degraded() {
        return lostPurges.get() > 0;
    }

    /**
     * @return whether reads are served from the cache now: the backend is available (for Redis:
     *         reachable and subscribed to other nodes' purges) and no purge is waiting to be recorded
     */
    public boolean serving() {
        // a readiness probe repairs too: a node taken out of service gets no reads that would
        return backend.available() && (!degraded() || repair());
    }

    /**
     * Tells {@code listener} of every purge recorded in the backend, by any node sharing it.
     *
     * @param listener the listener; see {@link CacheBackend#addPurgeListener}
     */
    public void addPurgeListener(CacheBackend.PurgeListener listener) {
        backend.addPurgeListener(listener);
        if (!carriesEvents) {
            ownListeners.add(listener);
        }
    }

    private void tellOwnListeners(String counter, String event) {
        for (CacheBackend.PurgeListener l : ownListeners) {
            try {
                l.purged(counter, event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "MZCDI01013: an invalidation listener failed", e);
            }
        }
    }

    /** Closes the backend. */
    @Override
    public void close() {
        backend.close();
    }

    private Served fill(String key, List<String> counters, Long[] seen, Duration ttl, Supplier<byte[]> compute) {
        Flight mine = new Flight();
        while (true) {
            Flight current = flights.putIfAbsent(key, mine);
            if (current == null) {
                return run(mine, key, counters, ttl, compute);
            }
            if (current.owner == Thread.currentThread()) {
                // compute reads its own key: waiting on ourselves would never end
                return bypass(compute);
            }
            if (current.serves(seen) && stampStillCurrent(current, counters, seen)) {
                return await(current);
            }
            // that fill started before a purge this reader has seen: start a fresh one
            if (flights.replace(key, current, mine)) {
                current.superseded = true;
                return run(mine, key, counters, ttl, compute);
            }
        }
    }

    /**
     * A counter the reader found absent either never existed (a cold start: the fill creates it) or was
     * evicted after a purge moved it past the fill's stamp. Only the counters read again tell which: the
     * reader joins the fill if they equal its stamp. Asked only when a counter was absent.
     */
    private boolean stampStillCurrent(Flight flight, List<String> counters, Long[] seen) {
        if (!Arrays.asList(seen).contains(null)) {
            return true;
        }
        try {
            return Arrays.equals(backend.counters(counters), flight.stamp.join());
        } catch (RuntimeException e) {
            return false; // the reader's own fill finds the backend failing and bypasses
        }
    }

    private Served run(Flight flight, String key, List<String> counters, Duration ttl, Supplier<byte[]> compute) {
        try {
            Served served = fillOnce(flight, key, counters, ttl, compute);
            flight.result.complete(served);
            return served;
        } catch (Throwable e) {
            // every waiter must be released, even by a checked exception thrown sneakily
            flight.stamp.complete(null);
            flight.result.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, flight);
        }
    }

    private Served fillOnce(Flight flight, String key, List<String> counters, Duration ttl, Supplier<byte[]> compute) {
        long[] stamp;
        try {
            stamp = backend.counters(counters);
        } catch (RuntimeException e) {
            flight.stamp.complete(null);
            backendFailed(e);
            return bypass(compute);
        }
        flight.stamp.complete(stamp);
        byte[] body = compute.get();
        String etag = Etags.strong(body);
        if (flight.superseded) {
            // its stamp is stale anyway; storing would only push out the fresher fill's entry
            return new Served(body, etag, CacheStatus.MISS);
        }
        try {
            backend.store(key, new Entry(stamp, body, etag), ttl);
        } catch (RuntimeException e) {
            backendFailed(e);
            return new Served(body, etag, CacheStatus.BYPASS);
        }
        return new Served(body, etag, CacheStatus.MISS);
    }

    private static Served await(Flight flight) {
        try {
            return flight.result.join();
        } catch (CompletionException e) {
            // the filler's own exception, unchanged, for every waiter
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static boolean fresh(long[] stamp, Long[] current) {
        if (stamp == null || current == null || stamp.length != current.length) {
            return false;
        }
        for (int i = 0; i < stamp.length; i++) {
            // an absent counter is a miss, never a match: a lost counter cannot revive old entries
            if (current[i] == null || current[i] != stamp[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bumps the epoch in place of the purges that were lost, telling every node's listeners to
     * resync; called by reads, by {@link #serving()} and by the purger until it succeeds.
     *
     * @return whether no lost purge is left unrecorded (false while the backend still fails, and while
     *         another thread is bumping the epoch)
     */
    public boolean repair() {
        if (lostPurges.get() == 0) {
            return true;
        }
        // one bump at a time: every read after an outage would otherwise bump it again, each one flushing
        // the cache and sending every stream a resync; the reads that come meanwhile bypass
        if (!repairing.compareAndSet(false, true)) {
            return false;
        }
        try {
            long lost = lostPurges.get(); // read again: a repair that just ended may have recorded them all
            if (lost == 0) {
                return true;
            }
            backend.increment(CounterNames.EPOCH, RESYNC_EVENT);
            // a purge lost meanwhile keeps the count above zero, and the next read bumps again
            if (lostPurges.compareAndSet(lost, 0)) {
                LOG.log(Level.INFO, "MZCDI01008: the cache backend answers again; bumped the epoch for " + lost + " lost purge(s)");
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        } finally {
            repairing.set(false);
        }
    }

    private void backendFailed(RuntimeException e) {
        if (backendDown.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "MZCDI01005: the cache backend failed; reads bypass the cache while it does", e);
        } else {
            LOG.log(Level.DEBUG, "MZCDI01005: the cache backend failed again", e);
        }
    }

    private void backendAnswered() {
        if (backendDown.get() && backendDown.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "MZCDI01006: the cache backend answers again");
        }
    }
}
