package dev.mizan.jaxrs.internal;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The open event streams of this node: one daemon thread hands events and heartbeats to the streams,
 * and a few sender threads write them, one send at a time per stream. No thread is held per idle stream,
 * and one stream must never hold the others up: RESTEasy (WildFly, Open Liberty) queues a send to a
 * client that stopped reading and never completes it; Jersey (Payara) blocks the sending thread until
 * the write times out. Either way that stream's events wait in its own queue, and the stream is closed
 * once it has {@link #MAX_UNSENT} sends unfinished, or a send blocked for {@link #STUCK_SEND} with as
 * many events waiting behind it, or {@link #MAX_QUEUED} events waiting. Events merely waiting for a
 * sender (a burst, a busy machine) do not count against a client that reads. The client reconnects and
 * catches up, or refetches what it shows (docs/how-to/live-updates.md).
 */
final class OpenStreams {

    private static final System.Logger LOG = System.getLogger(OpenStreams.class.getName());
    /**
     * Sends handed to a stream's sink and not completed (RESTEasy), or events waiting behind a send blocked
     * for {@link #STUCK_SEND} (Jersey), before the stream is taken for a client that stopped reading.
     */
    static final int MAX_UNSENT = 256;
    /** How long a send may block its sender before the events waiting behind it count against the client. */
    static final Duration STUCK_SEND = Duration.ofSeconds(2);
    private static final long STUCK_SEND_NANOS = STUCK_SEND.toNanos();
    /** Events a stream may have waiting for a sender, whatever the cause: bounds its memory. */
    static final int MAX_QUEUED = 4 * MAX_UNSENT;
    /** Sender threads: as many clients blocked in a write at once (Jersey) before the others wait too. */
    static final int SENDERS = 8;
    /**
     * Threads that close the sinks of clients that stopped reading: a close may wait for what the client
     * never reads, for as long as that client stays connected. Each such stream keeps its place meanwhile;
     * other closes never queue behind these, or a few stalled clients would keep every departed stream's
     * place taken, and the node would refuse every new stream.
     */
    private static final int STALLED_CLOSERS = 4;
    /** Threads that close the sinks of streams whose send failed: the connection broke, so the close returns soon. */
    private static final int CLOSERS = 2;
    private static final long CLOSE_AT_UNDEPLOY_MILLIS = 2000;
    /** Streams one writer task beats before it lets queued events go first. */
    private static final int HEARTBEAT_SLICE = 256;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final IntConsumer counted;
    private final Supplier<OutboundSseEvent> heartbeat;
    private final ScheduledExecutorService writer;
    private final ExecutorService senders = pool("mizan-events-send", SENDERS);
    /** Closes the sinks of clients that stopped reading. */
    private final ExecutorService stalledCloser = pool("mizan-events-close-stalled", STALLED_CLOSERS);
    /** Closes the sinks of the other streams taken out, whose runtime has not closed them. */
    private final ExecutorService closer = pool("mizan-events-close", CLOSERS);

    /**
     * One stream: where to write, what it may hear of, its events not yet handed to the sink, and its
     * sends not finished yet. A class, not a record: a record's hash would be the sink's, and RESTEasy's
     * sink hashes as its generic type (the same for every sink), which piles every stream into one bucket
     * of the set and makes each open and close scan all the others. Its counters are plain volatile fields
     * changed through field updaters: an object per counter would cost 16 bytes each on every open stream.
     */
    private static final class Stream {
        private static final AtomicIntegerFieldUpdater<Stream> UNSENT = AtomicIntegerFieldUpdater.newUpdater(Stream.class, "unsent");
        private static final AtomicIntegerFieldUpdater<Stream> QUEUED = AtomicIntegerFieldUpdater.newUpdater(Stream.class, "queued");
        private static final AtomicIntegerFieldUpdater<Stream> DRAINING = AtomicIntegerFieldUpdater.newUpdater(Stream.class, "draining");

        private final SseEventSink sink;
        private final Set<String> readable;
        /** The stream's user ({@link EventStreams#userKey}), 0 when anonymous: a user purge reaches that user's streams only. */
        private final long user;
        private final Queue<OutboundSseEvent> queue = new ConcurrentLinkedQueue<>();
        /** Sends handed to the sink and not completed. */
        private volatile int unsent;
        /** Events in {@link #queue}. */
        private volatile int queued;
        /** 1 while a sender drains the queue: one send at a time, in order. */
        private volatile int draining;
        /** {@link System#nanoTime()} when the send in progress entered the sink, 0 when none is. */
        private volatile long sendingSince;
        private volatile boolean closed;

        Stream(SseEventSink sink, Set<String> readable, long user) {
            this.sink = sink;
            this.readable = readable;
            this.user = user;
        }

        /** Whether a send has blocked its sender for {@link #STUCK_SEND} (Jersey, for a client that stopped reading). */
        boolean stuckInSend() {
            long since = sendingSince;
            return since != 0 && System.nanoTime() - since > STUCK_SEND_NANOS;
        }
    }

    /**
     * Starts the writer thread and its heartbeat.
     *
     * @param every     the heartbeat's period, at least a millisecond
     * @param heartbeat makes each sweep's heartbeat (a comment)
     * @param counted   told +1 or -1 as streams open and close (metrics)
     */
    OpenStreams(Duration every, Supplier<OutboundSseEvent> heartbeat, IntConsumer counted) {
        this.heartbeat = heartbeat;
        this.counted = counted;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mizan-events");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        writer.scheduleWithFixedDelay(() -> beat(heartbeat.get(), streams.iterator()), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Up to {@code threads} daemon threads, none kept while idle. */
    private static ExecutorService pool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Opens a stream: writes the first event on the calling thread (it commits the response, so the client
     * knows the stream is open; the runtime would answer 204 for a method that returned without writing),
     * then adds it. Added after that write, so no sender can write to the sink before the request has; and
     * no sender writes until that first send has completed: RESTEasy's sink queues an event sent while it
     * still flushes its first one, and one sent just as that flush ends stays in its queue for good (seen
     * as a catch-up's {@code replayed} that never came). Events offered meanwhile wait in the stream's queue.
     *
     * @param sink     the client's sink
     * @param readable the contexts the stream's user may read
     * @param first    the first event
     * @param max      the most streams this node holds
     * @param then     null, or the events to send next, asked for on the writer once the stream is added
     * @return false when {@code max} streams are open (or still closing), or the node is undeploying (nothing was written)
     */
    boolean open(SseEventSink sink, Set<String> readable, OutboundSseEvent first, int max, Supplier<List<OutboundSseEvent>> then) {
        return open(sink, readable, 0, first, max, then);
    }

    /** Opens a stream of a user ({@code user}, 0 when anonymous), as {@link #open(SseEventSink, Set, OutboundSseEvent, int, Supplier)} does. */
    boolean open(SseEventSink sink, Set<String> readable, long user, OutboundSseEvent first, int max,
                 Supplier<List<OutboundSseEvent>> then) {
        if (writer.isShutdown()) {
            return false;
        }
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return false;
        }
        Stream stream = new Stream(sink, readable, user);
        stream.draining = 1; // held until the first send has completed
        counted.accept(1);
        CompletionStage<?> sent = send(stream, first);
        if (sent == null) {
            freed(); // the client is gone already: nothing to hold
            return true;
        }
        streams.add(stream);
        if (stream.closed) {
            streams.remove(stream); // its first send failed meanwhile, and closed it
            return true;
        }
        if (writer.isShutdown() && detach(stream)) {
            // stop() ran meanwhile, and its close-all may have passed the set before this stream was in it:
            // the container ends the connection as the application goes away
            freed();
            return true;
        }
        if (then != null) {
            queue(() -> then.get().forEach(event -> offer(stream, event)));
        }
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                release(stream);
            }
        });
        return true;
    }

    /** Lets a sender write the events that waited for the stream's first send. */
    private void release(Stream stream) {
        stream.draining = 0;
        if (!stream.closed && !stream.queue.isEmpty()) {
            drain(stream);
        }
    }

    /** @return the streams open now, and those still closing */
    int size() {
        return open.get();
    }

    /** Sends an event about a context to the streams whose user may read it. */
    void send(OutboundSseEvent event, String context) {
        queue(() -> streams.forEach(st -> {
            if (st.readable.contains(context)) {
                offer(st, event);
            }
        }));
    }

    /**
     * Sends one user's streams ({@code user}, never 0) the event of each of {@code contexts} they may read.
     *
     * @param events the event of each context, in the order they are sent
     */
    void sendToUser(long user, Map<String, OutboundSseEvent> events) {
        queue(() -> streams.forEach(st -> {
            if (st.user == user) {
                events.forEach((context, event) -> {
                    if (st.readable.contains(context)) {
                        offer(st, event);
                    }
                });
            }
        }));
    }

    /** Sends an event to every stream. */
    void sendAll(OutboundSseEvent event) {
        queue(() -> streams.forEach(st -> offer(st, event)));
    }

    /**
     * Closes every stream and stops the threads. RESTEasy's {@code SseEventSink.close()} waits for the
     * response to complete, which during an undeploy may never happen (seen on WildFly: the undeploy hung
     * and the server refused every later deployment). So the writer closes them, with a bounded wait: the
     * container ends whatever connections are left when the application goes away. Events still queued
     * are dropped.
     */
    void stop() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_AT_UNDEPLOY_MILLIS);
        queue(() -> streams.forEach(st -> {
            if (detach(st)) {
                // past the deadline, the rest is left to the container: a close that waited was interrupted,
                // and RESTEasy's swallows the interrupt, so the next such close would hold this thread for good
                if (System.nanoTime() - deadline < 0) {
                    closeSink(st.sink);
                }
                freed();
            }
        }));
        writer.shutdown();
        senders.shutdownNow();
        stalledCloser.shutdownNow();
        closer.shutdownNow();
        try {
            if (!writer.awaitTermination(CLOSE_AT_UNDEPLOY_MILLIS, TimeUnit.MILLISECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the writer; after {@link #stop()} (purges from other nodes still arrive) the work is dropped. */
    private void queue(Runnable work) {
        try {
            writer.execute(work);
        } catch (RejectedExecutionException undeploying) {
            // the streams are closed or about to be
        }
    }

    /**
     * Sends the heartbeat to the next {@link #HEARTBEAT_SLICE} streams, then queues the rest behind what
     * the writer was given meanwhile: a sweep of 10,000 streams can take a while, and an event must
     * not wait for it. The set's iterator tolerates streams added and removed between slices.
     */
    private void beat(OutboundSseEvent heartbeat, Iterator<Stream> rest) {
        for (int n = 0; n < HEARTBEAT_SLICE && rest.hasNext(); n++) {
            offer(rest.next(), heartbeat);
        }
        if (rest.hasNext()) {
            queue(() -> beat(heartbeat, rest));
        }
    }

    /**
     * Queues an event for a stream and has a sender drain the queue. Closes the stream instead when its
     * send has blocked for {@link #STUCK_SEND} with {@link #MAX_UNSENT} events waiting (Jersey), or
     * {@link #MAX_QUEUED} wait: not merely because its sender has not caught up with a burst yet.
     */
    private void offer(Stream stream, OutboundSseEvent event) {
        if (writer.isShutdown() || stream.closed) {
            return; // undeploying, or closing: the stream is about to be closed
        }
        if (stream.sink.isClosed()) {
            close(stream); // the client left
            return;
        }
        int queued = Stream.QUEUED.incrementAndGet(stream);
        if (queued > MAX_QUEUED || queued > MAX_UNSENT && stream.stuckInSend()) {
            stoppedReading(stream, queued + " events waiting");
            return;
        }
        stream.queue.add(event);
        drain(stream);
    }

    /** Has a sender write the stream's queue, unless one is at it (it takes this event too). */
    private void drain(Stream stream) {
        if (Stream.DRAINING.compareAndSet(stream, 0, 1)) {
            try {
                senders.execute(() -> write(stream));
            } catch (RejectedExecutionException undeploying) {
                stream.draining = 0;
            }
        }
    }

    /**
     * On a sender: writes the queued events in order, unless {@link #MAX_UNSENT} sends are unfinished
     * (RESTEasy, for a client that stopped reading); an event queued as this one ends is not left behind.
     */
    private void write(Stream stream) {
        do {
            for (OutboundSseEvent event; !stream.closed && (event = stream.queue.poll()) != null; ) {
                Stream.QUEUED.decrementAndGet(stream);
                if (stream.unsent >= MAX_UNSENT) {
                    stoppedReading(stream, MAX_UNSENT + " sends unfinished");
                } else if (send(stream, event) == null) {
                    close(stream);
                }
            }
            stream.draining = 0;
        } while (!stream.closed && !stream.queue.isEmpty() && Stream.DRAINING.compareAndSet(stream, 0, 1));
    }

    /**
     * Hands an event to the sink: it stays unsent until the send completes.
     *
     * @return the send, or null when the sink refused it (closed)
     */
    private CompletionStage<?> send(Stream stream, OutboundSseEvent event) {
        Stream.UNSENT.incrementAndGet(stream);
        stream.sendingSince = System.nanoTime();
        try {
            return stream.sink.send(event).whenComplete((ok, failure) -> {
                Stream.UNSENT.decrementAndGet(stream);
                if (failure != null) {
                    close(stream);
                }
            });
        } catch (RuntimeException e) {
            Stream.UNSENT.decrementAndGet(stream);
            return null;
        } finally {
            stream.sendingSince = 0;
        }
    }

    private void stoppedReading(Stream stream, String why) {
        LOG.log(System.Logger.Level.INFO, "MZRS00012: closing an event stream whose client stopped reading ("
                + why + "); the client reconnects and catches up, or refetches what it shows");
        close(stream, stalledCloser);
    }

    /** Takes out a stream whose client left or whose send failed. */
    private void close(Stream stream) {
        close(stream, closer);
    }

    /**
     * Takes the stream out and closes its sink on a close thread of {@code pool}. It still counts against the
     * limit until its close returns: a close that waits for a client that never reads holds the connection
     * meanwhile. A sink the runtime closed already (the client left) frees its place at once.
     */
    private void close(Stream stream, ExecutorService pool) {
        if (!detach(stream)) {
            return;
        }
        stream.queue.clear();
        if (stream.sink.isClosed()) {
            freed();
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    closeSink(stream.sink);
                } finally {
                    freed();
                }
            });
        } catch (RejectedExecutionException undeploying) {
            freed(); // the container ends the connection
        }
    }

    /** @return whether this call took the stream out (it is closed once) */
    private boolean detach(Stream stream) {
        synchronized (stream) {
            if (stream.closed) {
                return false;
            }
            stream.closed = true;
        }
        streams.remove(stream);
        return true;
    }

    /** The stream's place is free again. */
    private void freed() {
        open.decrementAndGet();
        counted.accept(-1);
    }

    private static void closeSink(SseEventSink sink) {
        if (sink.isClosed()) {
            return; // the runtime closed it (the client left): closing again only makes the container log
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "MZRS00010: closing an event stream failed", e);
        }
    }
}
