package dev.mizan.cdi.internal.runtime;

import dev.mizan.spi.EdgePurger;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the {@link EdgePurger}s which tags went stale, off the request path and on a thread of their own,
 * so that a slow CDN never delays repurges and repairs. Tags that arrive while a purger is still busy
 * are told to it together when it is done: a hot context purged many times a second costs a slow CDN one
 * call at a time, never a queue that grows without bound (docs/reference/spi.md).
 */
final class EdgePurges {

    private static final System.Logger LOG = System.getLogger(EdgePurges.class.getName());
    private static final int ATTEMPTS = 3;

    /** One purger and the tags it has not been told yet. */
    private static final class Pending {
        private final EdgePurger purger;
        private final Set<String> tags = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean queued = new AtomicBoolean();

        Pending(EdgePurger purger) {
            this.purger = purger;
        }
    }

    private final List<Pending> purgers;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mizan-edge-purge");
        t.setDaemon(true);
        return t;
    });

    /** @param purgers every purger, in the order they are told */
    EdgePurges(List<EdgePurger> purgers) {
        this.purgers = purgers.stream().map(Pending::new).toList();
    }

    /** Tells every purger of {@code tags}, soon. */
    void tell(Set<String> tags) {
        for (Pending p : purgers) {
            p.tags.addAll(tags);
            if (p.queued.compareAndSet(false, true)) {
                run(() -> drain(p), 0);
            }
        }
    }

    void stop() {
        thread.shutdownNow();
    }

    /** Takes every tag waiting for the purger; one added meanwhile is in this batch or queues the next. */
    private void drain(Pending p) {
        p.queued.set(false);
        Set<String> batch = new HashSet<>();
        for (Iterator<String> it = p.tags.iterator(); it.hasNext(); ) {
            batch.add(it.next());
            it.remove();
        }
        if (!batch.isEmpty()) {
            purge(p.purger, java.util.Collections.unmodifiableSet(batch), 1);
        }
    }

    private void purge(EdgePurger purger, Set<String> tags, int attempt) {
        try {
            purger.purge(tags);
        } catch (Exception e) {
            if (attempt < ATTEMPTS) {
                run(() -> purge(purger, tags, attempt + 1), 1L << attempt);
            } else {
                LOG.log(System.Logger.Level.WARNING, "MZCDI01004: edge purge of " + tags + " failed " + attempt + " times", e);
            }
        }
    }

    private void run(Runnable work, long delaySeconds) {
        try {
            thread.schedule(work, delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException undeployed) {
            // the application is gone: nothing left to purge for
        }
    }
}
