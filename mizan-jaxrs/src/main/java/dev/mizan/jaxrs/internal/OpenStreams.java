package dev.mizan.jaxrs.internal;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The open event streams of this node and the one daemon thread that writes to them: events, heartbeats,
 * and the close at undeploy. No thread is held per stream, so one stream must never hold the others up: a
 * client that stops reading leaves its sends unfinished (the runtime queues them), and once
 * {@link #MAX_UNSENT} are, the stream is closed. The client reconnects and refetches what it shows
 * (docs/how-to/live-updates.md).
 */
final class OpenStreams {

    private static final System.Logger LOG = System.getLogger(OpenStreams.class.getName());
    /** Sends a stream may have unfinished before it is taken for a client that stopped reading. */
    static final int MAX_UNSENT = 256;
    private static final long CLOSE_AT_UNDEPLOY_MILLIS = 2000;
    /** Streams one writer task beats before it lets queued events go first. */
    private static final int HEARTBEAT_SLICE = 256;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final IntConsumer counted;
    private final OutboundSseEvent heartbeat;
    private final ScheduledExecutorService writer;
    /** Closes the sinks of clients that stopped reading: a close may wait for what the client never reads. */
    private final ExecutorService closer;

    /**
     * One stream: where to write, what it may hear of, and its sends not finished yet. A class, not a
     * record: a record's hash would be the sink's, and RESTEasy's sink hashes as its generic type (the
     * same for every sink), which piles every stream into one bucket of the set and makes each open and
     * close scan all the others.
     */
    private static final class Stream {
        private final SseEventSink sink;
        private final Set<String> readable;
        private final AtomicInteger unsent = new AtomicInteger();

        Stream(SseEventSink sink, Set<String> readable) {
            this.sink = sink;
            this.readable = readable;
        }
    }

    /**
     * Starts the writer thread and its heartbeat.
     *
     * @param every     the heartbeat's period, at least a millisecond
     * @param heartbeat the heartbeat event (a comment)
     * @param counted   told +1 or -1 as streams open and close (metrics)
     */
    OpenStreams(Duration every, OutboundSseEvent heartbeat, IntConsumer counted) {
        this.heartbeat = heartbeat;
        this.counted = counted;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mizan-events");
            t.setDaemon(true);
            return t;
        });
        this.closer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mizan-events-close");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        writer.scheduleWithFixedDelay(() -> beat(streams.iterator()), millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream: writes the first event on the calling thread (it commits the response, so the client
     * knows the stream is open; the runtime would answer 204 for a method that returned without writing),
     * then adds it. Added after that write, so the writer thread cannot send to the sink before the request has.
     *
     * @param sink     the client's sink
     * @param readable the contexts the stream's user may read
     * @param first    the first event
     * @param max      the most streams this node holds
     * @return false when {@code max} streams are open, or the node is undeploying (nothing was written)
     */
    boolean open(SseEventSink sink, Set<String> readable, OutboundSseEvent first, int max) {
        if (writer.isShutdown()) {
            return false;
        }
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return false;
        }
        Stream stream = new Stream(sink, readable);
        if (!write(stream, first)) {
            open.decrementAndGet(); // the client is gone already: nothing to hold
            return true;
        }
        streams.add(stream);
        counted.accept(1);
        return true;
    }

    /** @return the streams open now */
    int size() {
        return open.get();
    }

    /** Sends an event about a context to the streams whose user may read it. */
    void send(OutboundSseEvent event, String context) {
        queue(() -> streams.forEach(st -> {
            if (st.readable.contains(context)) {
                send(st, event);
            }
        }));
    }

    /** Sends an event to every stream. */
    void sendAll(OutboundSseEvent event) {
        queue(() -> streams.forEach(st -> send(st, event)));
    }

    /**
     * Closes every stream and stops the writer. RESTEasy's {@code SseEventSink.close()} waits for the
     * response to complete, which during an undeploy may never happen (seen on WildFly: the undeploy hung
     * and the server refused every later deployment). So the writer, the one thread that writes to the
     * sinks, closes them after what it is sending now, with a bounded wait: the container ends whatever
     * connections are left when the application goes away. Events still queued are dropped.
     */
    void stop() {
        queue(() -> streams.forEach(this::close));
        writer.shutdown();
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
     * the writer was given meanwhile: a sweep of 10,000 streams can take a second, and an event must
     * not wait for it. The set's iterator tolerates streams added and removed between slices.
     */
    private void beat(Iterator<Stream> rest) {
        for (int n = 0; n < HEARTBEAT_SLICE && rest.hasNext(); n++) {
            send(rest.next(), heartbeat);
        }
        if (rest.hasNext()) {
            queue(() -> beat(rest));
        }
    }

    private void send(Stream stream, OutboundSseEvent event) {
        if (writer.isShutdown()) {
            return; // undeploying: the streams are about to be closed
        }
        if (stream.sink.isClosed()) {
            close(stream);
            return;
        }
        write(stream, event);
    }

    /** Sends, closing the stream when the sink fails or has too much unsent; false when it was closed. */
    private boolean write(Stream stream, OutboundSseEvent event) {
        if (stream.unsent.incrementAndGet() > MAX_UNSENT) {
            LOG.log(System.Logger.Level.INFO, "MZRS00012: closed an event stream whose client stopped reading ("
                    + MAX_UNSENT + " events unsent); the client reconnects and refetches what it shows");
            if (remove(stream)) {
                try {
                    closer.execute(() -> closeSink(stream.sink));
                } catch (RejectedExecutionException undeploying) {
                    // the container ends the connection
                }
            }
            return false;
        }
        try {
            stream.sink.send(event).whenComplete((ok, failure) -> {
                stream.unsent.decrementAndGet();
                if (failure != null) {
                    close(stream);
                }
            });
            return true;
        } catch (RuntimeException e) {
            close(stream);
            return false;
        }
    }

    private void close(Stream stream) {
        if (remove(stream)) {
            closeSink(stream.sink);
        }
    }

    private boolean remove(Stream stream) {
        if (streams.remove(stream)) {
            open.decrementAndGet();
            counted.accept(-1);
            return true;
        }
        return false;
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
