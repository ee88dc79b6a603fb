package dev.mizan.ssr.internal;

import dev.mizan.ssr.SsrState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed number of worker processes (docs/how-to/ssr.md, "The pool"). A render checks a worker out
 * (waiting at most {@code mizan.ssr.timeout}), so a worker never has two requests in flight. A worker
 * that times out is killed, one that dies is replaced with backoff, one that has rendered
 * {@code mizan.ssr.max-renders} pages is retired once its replacement is ready (it serves meanwhile, so
 * a pool of one never has none), and under {@code mizan.dev} a changed bundle file replaces them all.
 * {@link #close()} ends every worker; workers also exit by themselves when their stdin ends or their
 * parent process is gone, which is what happens when the JVM dies.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** How long {@link #close()} waits for the starter and timer threads to end once their workers are ended. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** The watchdog's longest period: a late render is killed at most this long after its timeout. */
    private static final Duration MAX_TICK = Duration.ofMillis(100);

    private final SsrSettings settings;
    private final WorkerFiles files;
    private final List<String> command;
    /**
     * The idle workers; {@link #STOPPED} once the pool is stopped, which each request that finds it puts back
     * for the next one waiting, so that every waiting request wakes (in the order they came) at once.
     */
    private final BlockingQueue<Optional<Worker>> idle;
    private static final Optional<Worker> STOPPED = Optional.empty();
    /** The workers that are ready: idle or rendering. */
    private final Set<Worker> all = ConcurrentHashMap.newKeySet();
    /**
     * Every worker process this pool started that is not yet gone (exited, its stderr read to the end):
     * those starting and retiring as well as those in {@link #all}, so that {@link #close()} ends them all.
     */
    private final Set<Worker> launched = ConcurrentHashMap.newKeySet();
    /** Workers past {@code max-renders} whose replacement is starting: they serve until it is ready. */
    private final Set<Worker> renewing = ConcurrentHashMap.newKeySet();
    /** Renewing workers whose replacement is ready: retired when their render in flight ends. */
    private final Set<Worker> handedOver = ConcurrentHashMap.newKeySet();
    /**
     * Held while a worker moves between idle, renewing, handed over and gone, so that a release, a
     * replacement becoming ready and a loss never interleave: each worker's place in the pool is then
     * either its own or, renewing, shared with the one replacement starting for it, never a second.
     */
    private final Object moves = new Object();
    private final PoolCounters counters = new PoolCounters();
    private final SsrMetrics metrics;
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final ExecutorService starter;
    private volatile boolean closed;
    /** Whether the last worker started failed to start (and none has started since). */
    private volatile boolean startFailing;
    private volatile long bundleStamp;
    private volatile long nextStampCheck;

    /**
     * Starts {@code settings.poolSize()} workers in the background; renders wait for the first.
     *
     * @param settings the {@code mizan.ssr.*} settings
     * @param files    the worker script and bundle on disk
     */
    public WorkerPool(SsrSettings settings, WorkerFiles files) {
        this(settings, files, SsrMetrics.NONE);
    }

    /**
     * @param metrics where renders are also counted (OpenTelemetry where present)
     * @see #WorkerPool(SsrSettings, WorkerFiles)
     */
    WorkerPool(SsrSettings settings, WorkerFiles files, SsrMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.files = files;
        List<String> line = settings.commandLine();
        line.add(files.script().toString());
        line.add(files.bundle().toString());
        this.command = List.copyOf(line);
        this.idle = new ArrayBlockingQueue<>(settings.poolSize());
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("mizan-ssr-timer"));
        this.starter = Executors.newCachedThreadPool(daemon("mizan-ssr-starter"));
        this.bundleStamp = files.bundleStamp();
        // One periodic check for late renders instead of a timer armed and cancelled per render: that
        // cost a wake-up of the timer thread per render and kept every cancelled timer queued until it expired.
        long tick = Math.max(1, Math.min(settings.timeout().toMillis() / 20, MAX_TICK.toMillis()));
        timer.scheduleWithFixedDelay(this::expireLate, tick, tick, TimeUnit.MILLISECONDS);
        Messages.poolStarting(settings.poolSize(), String.join(" ", settings.commandLine()), files.bundle().toString());
        for (int i = 0; i < settings.poolSize(); i++) {
            replace();
        }
    }

    /**
     * Renders on a free worker.
     *
     * @param request what to render
     * @return the worker's answer
     * @throws RenderException when no page came back (the worker is dealt with already)
     */
    public RenderResult render(RenderRequest request) throws RenderException {
        Worker w;
        try {
            w = acquire();
        } catch (RenderException e) {
            count(SsrMetrics.Outcome.UNAVAILABLE, 0);
            throw e;
        }
        long start = metrics.on() ? System.nanoTime() : 0;
        try {
            RenderResult result = w.render(ids.incrementAndGet(), request, settings.timeout(), settings.maxReply());
            count(SsrMetrics.Outcome.OK, start);
            release(w);
            return result;
        } catch (RenderException e) {
            if (closed) {
                // close() ended it: no crash of the worker's own, and nothing to replace
                forget(w);
                throw new RenderException(RenderException.Kind.UNAVAILABLE, Messages.poolStopped());
            }
            switch (e.kind()) {
                case ERROR -> {
                    count(SsrMetrics.Outcome.ERROR, start);
                    release(w);
                }
                case TIMEOUT -> {
                    count(SsrMetrics.Outcome.TIMEOUT, start);
                    Messages.workerTimedOut(w.pid(), settings.timeout());
                    lost(w);
                }
                default -> {
                    count(SsrMetrics.Outcome.CRASH, start);
                    Messages.workerDied(w.pid(), e.getMessage());
                    lost(w);
                }
            }
            throw e;
        } catch (RuntimeException | Error e) {
            // not the protocol's failure but ours (an OutOfMemoryError for a large reply, say): the worker is
            // in an unknown state, and must be neither kept out of the pool nor counted as alive
            count(SsrMetrics.Outcome.CRASH, start);
            Messages.workerDied(w.pid(), e.toString());
            lost(w);
            if (e instanceof Error error) {
                throw error;
            }
            throw new RenderException(RenderException.Kind.CRASH, e.toString());
        }
    }

    private Worker acquire() throws RenderException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (!closed) {
            checkBundle();
            if (startFailing && counters.alive.get() == 0) {
                // a bundle that cannot load, a command that is missing: no worker will come within the timeout,
                // and the page should not wait for it
                throw new RenderException(RenderException.Kind.UNAVAILABLE, Messages.noWorkerStarts());
            }
            Optional<Worker> got;
            try {
                got = idle.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RenderException(RenderException.Kind.UNAVAILABLE, Messages.waitInterrupted());
            }
            if (got == null) {
                throw new RenderException(RenderException.Kind.UNAVAILABLE, Messages.noWorker(settings.timeout()));
            }
            if (got.isEmpty()) {
                idle.offer(STOPPED); // for the next request waiting
                break;
            }
            Worker w = got.get();
            if (w.alive() && w.bundleStamp() == bundleStamp) {
                return w;
            }
            if (w.alive()) {
                retire(w); // an old bundle's worker
            } else {
                count(SsrMetrics.Outcome.CRASH, 0);
                Messages.workerDied(w.pid(), "found dead while idle");
                lost(w);
            }
        }
        throw new RenderException(RenderException.Kind.UNAVAILABLE, Messages.poolStopped());
    }

    private void release(Worker w) {
        synchronized (moves) {
            if (handedOver.remove(w)) {
                forget(w);
                dismiss(w); // its replacement is in the pool already
            } else if (closed || w.bundleStamp() != bundleStamp) {
                retire(w);
            } else if (!w.alive()) {
                count(SsrMetrics.Outcome.CRASH, 0);
                lost(w);
            } else {
                if (w.renders() >= settings.maxRenders() && renewing.add(w)) {
                    start(w); // its replacement; it serves until that one is ready
                }
                toIdle(w);
            }
        }
    }

    /** A worker the full idle queue refuses has no place in the pool, and must not run on, counted as alive. */
    private void toIdle(Worker w) {
        if (!idle.offer(Optional.of(w))) {
            forget(w);
            dismiss(w);
        }
    }

    /**
     * The replacement of {@code old} is ready: {@code old} leaves the pool now if idle, else when its
     * render ends. Called holding {@link #moves}.
     */
    private void handOver(Worker old) {
        renewing.remove(old);
        if (!all.contains(old)) {
            return; // it died or timed out meanwhile, and that replacement was not started
        }
        if (idle.remove(Optional.of(old))) {
            forget(old);
            dismiss(old);
        } else {
            handedOver.add(old); // rendering
        }
    }

    /** Retires a worker without a replacement: stdin closed, killed if not gone within the grace. */
    private void dismiss(Worker w) {
        w.retire();
        try {
            starter.execute(() -> w.awaitExit(GRACE));
        } catch (RejectedExecutionException e) {
            w.kill(); // the pool is stopping
        }
    }

    /** Under {@code mizan.dev}, at most once a second: a changed bundle retires every worker as it comes free. */
    private void checkBundle() {
        if (!settings.dev() || System.currentTimeMillis() < nextStampCheck) {
            return;
        }
        nextStampCheck = System.currentTimeMillis() + 1000;
        long now = files.bundleStamp();
        if (now != bundleStamp) {
            bundleStamp = now;
            Messages.bundleChanged(files.bundle().toString());
        }
    }

    private void retire(Worker w) {
        synchronized (moves) {
            forget(w);
            dismiss(w);
            replaceUnlessRenewed(w);
        }
    }

    private void lost(Worker w) {
        synchronized (moves) {
            forget(w);
            w.kill();
            replaceUnlessRenewed(w);
        }
    }

    /**
     * A renewing worker's replacement is starting already, and a handed-over one's is in the pool: a
     * second one would make the pool one too large.
     */
    private void replaceUnlessRenewed(Worker w) {
        if (!handedOver.remove(w) && !renewing.remove(w)) {
            replace();
        }
    }

    private void forget(Worker w) {
        if (all.remove(w)) {
            counters.alive.decrementAndGet();
        }
    }

    /** Starts one worker in the background, retrying with doubling backoff until it is ready or the pool stops. */
    private void replace() {
        if (!closed) {
            start(null);
        }
    }

    /** @param renewed the worker the new one replaces once ready (past {@code max-renders}), or null */
    private void start(Worker renewed) {
        try {
            starter.execute(() -> startOne(renewed));
        } catch (RejectedExecutionException e) {
            // the pool is stopping, and ends every worker
        }
    }

    /** @param renewed the worker this one replaces once ready (past {@code max-renders}), or null */
    private void startOne(Worker renewed) {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try {
                Worker w = startReady();
                if (w == null) {
                    return; // the pool closed meanwhile, and the worker is ended
                }
                all.add(w);
                counters.alive.incrementAndGet();
                startFailing = false;
                w.onExit(() -> diedIdle(w));
                if (closed) {
                    // close() may have missed it in `all`; it waits for this thread, so this ends it before close() returns
                    forget(w);
                    w.end();
                } else {
                    synchronized (moves) {
                        if (renewed != null) {
                            handOver(renewed); // first: the idle queue holds pool.size workers, not one more
                        }
                        toIdle(w);
                    }
                }
                return;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return; // killed by close() while it started: not a failure to report
                }
                startFailing = true;
                Messages.workerStartFailed(e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            }
        }
    }

    /**
     * Starts a worker and waits until it is ready. The process is in {@link #launched} from the moment it
     * exists, so that {@link #close()} can kill it while it loads the bundle (which unblocks the wait).
     *
     * @return the ready worker, or {@code null} when the pool closed meanwhile (the process is then ended)
     * @throws IOException when it could not start or become ready (the process is then ended)
     */
    private Worker startReady() throws IOException {
        Worker w = Worker.launch(command, bundleStamp);
        launched.add(w);
        w.onGone(() -> launched.remove(w));
        // close() may have looked at `launched` before w was in it: then it is ended here
        if (closed) {
            w.end();
            return null;
        }
        try {
            w.awaitReady(timer, STARTUP);
            return w;
        } catch (IOException e) {
            w.end(); // gone, with its stderr thread, before this thread retries or ends
            throw e;
        }
    }

    private void expireLate() {
        long now = System.nanoTime();
        for (Worker w : all) {
            w.expireIfLate(now);
        }
    }

    /** A worker that dies while idle is replaced at once, not when a render next picks it. */
    private void diedIdle(Worker w) {
        synchronized (moves) {
            if (!closed && idle.remove(Optional.of(w))) {
                count(SsrMetrics.Outcome.CRASH, 0);
                Messages.workerDied(w.pid(), "exited while idle");
                lost(w);
            }
        }
    }

    /** Counts a render that fell back to the client-rendered shell. */
    public void countFallback() {
        count(SsrMetrics.Outcome.FALLBACK, 0);
    }

    /**
     * Counts a render's outcome twice over: in the pool's counters (the health check) and in
     * {@link SsrMetrics} (OpenTelemetry, where present).
     *
     * @param start {@code System.nanoTime()} when the render began and is timed, else 0
     */
    private void count(SsrMetrics.Outcome outcome, long start) {
        LongAdder counter = switch (outcome) {
            case OK -> counters.renders;
            case FALLBACK -> counters.fallbacks;
            case TIMEOUT -> counters.timeouts;
            case CRASH -> counters.crashes;
            case ERROR -> counters.errors;
            case UNAVAILABLE -> counters.unavailable;
        };
        counter.increment();
        metrics.rendered(outcome, start == 0 ? -1 : System.nanoTime() - start);
    }

    /** @return the pool's state now */
    public SsrState state() {
        return new SsrState(counters.alive.get(), settings.poolSize(), counters.renders.sum(),
                counters.fallbacks.sum(), counters.timeouts.sum(), counters.crashes.sum(), counters.errors.sum(),
                counters.unavailable.sum());
    }

    /** @return the process ids of the live workers (for tests and diagnostics) */
    public List<Long> pids() {
        return all.stream().map(Worker::pid).sorted().toList();
    }

    /**
     * Ends every worker: stdin closed, then killed after a grace period; workers still starting are killed
     * at once. Returns once every process the pool started has exited and the pool's threads have ended;
     * deletes the extracted files.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // interrupts a start waiting out its backoff, and a retired worker's grace (it is killed at once)
        starter.shutdownNow();
        idle.clear();
        idle.offer(STOPPED); // wakes the requests waiting for a worker, one after the other
        List<Worker> serving = List.copyOf(all);
        serving.forEach(Worker::retire);
        // the others are starting or retired: none has a render in flight
        List<Worker> others = launched.stream().filter(w -> !serving.contains(w)).toList();
        others.forEach(Worker::kill);
        // one grace for all of them, which got their stdin closed at the same moment; each stays in `all` while
        // it is waited for, so the watchdog still holds it to mizan.ssr.timeout
        int killed = 0;
        long end = System.nanoTime() + GRACE.toNanos();
        for (Worker w : serving) {
            killed += w.awaitExit(Duration.ofNanos(Math.max(0, end - System.nanoTime()))) ? 1 : 0;
            forget(w);
        }
        others.forEach(Worker::end);
        // a start that began before `closed` was set ends its own worker (startOne, startReady)
        await(starter);
        timer.shutdownNow();
        await(timer);
        List.copyOf(launched).forEach(Worker::end); // those whose exit is not yet noted, if any
        files.close();
        Messages.poolStopped(killed);
    }

    private static void await(ExecutorService executor) {
        try {
            executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
