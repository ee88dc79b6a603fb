package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.InvalidationListener;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.spi.HealthPart;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's open {@code /events} streams (docs/reference/protocol.md, docs/how-to/live-updates.md).
 * A stream is an {@link SseEventSink} and the contexts its user may read, decided when it opened; no
 * thread is held per stream. One daemon thread writes every event and heartbeat, so a purge (often on
 * the cache backend's own thread) never waits for a client.
 */
@ApplicationScoped
public class EventStreams implements InvalidationListener, HealthPart {

    private static final System.Logger LOG = System.getLogger(EventStreams.class.getName());
    private static final long CLOSE_AT_UNDEPLOY_MILLIS = 2000;
    /** Streams one writer task beats before it lets queued events go first. */
    private static final int HEARTBEAT_SLICE = 256;

    @Inject
    MizanEngine engine;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    /** Streams of users with the same rights share one set of readable contexts. */
    private final ConcurrentHashMap<Set<String>, Set<String>> readableSets = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService writer;
    private volatile Sse sse;

    /**
     * One stream: where to write and what it may hear of. A class, not a record: a record's hash would be
     * the sink's, and RESTEasy's sink hashes as its generic type (the same for every sink), which piles
     * every stream into one bucket of the set and makes each open and close scan all the others.
     */
    private static final class Stream {
        private final SseEventSink sink;
        private final Set<String> readable;

        Stream(SseEventSink sink, Set<String> readable) {
            this.sink = sink;
            this.readable = readable;
        }

        SseEventSink sink() {
            return sink;
        }

        Set<String> readable() {
            return readable;
        }
    }

    /**
     * Opens a stream, or refuses when this node holds {@code mizan.events.max-streams} already.
     *
     * @param sink     the client's sink
     * @param sse      the runtime's event factory
     * @param readable the contexts the stream's user may read
     * @return false when the limit is reached (nothing was written to the sink)
     */
    boolean open(SseEventSink sink, Sse sse, Set<String> readable) {
        MizanSettings settings = engine.settings();
        if (open.incrementAndGet() > settings.eventsMaxStreams()) {
            open.decrementAndGet();
            return false;
        }
        start(sse, settings);
        Stream stream = new Stream(sink, readableSets.computeIfAbsent(Set.copyOf(readable), s -> s));
        // a first comment, written on the request's own thread before the resource method returns: it commits
        // the response (the runtime would otherwise answer 204 for a method that returned without writing), so
        // the client knows the stream is open. Written before the stream joins the set, so the writer thread
        // cannot send to the sink before the request has (seen, rarely, as a 204 under mass opening)
        if (!write(stream, sse.newEventBuilder().comment("mizan").build())) {
            open.decrementAndGet(); // the client is gone already: nothing to hold
            return true;
        }
        streams.add(stream);
        engine.metrics().streams(1);
        return true;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public boolean configured() {
        return engine.settings().eventsEnabled();
    }

    /**
     * @return true: streams open and purges reach them as long as the node runs; other nodes' purges
     *         arrive through the cache backend, whose subscription the check reports as {@code cache}
     */
    @Override
    public boolean up() {
        return true;
    }

    /** @return {@code streams} (open now) and {@code max-streams} */
    @Override
    public Map<String, Object> data() {
        return Map.of("streams", open.get(), "max-streams", engine.settings().eventsMaxStreams());
    }

    @Override
    public void invalidated(String id, String context, Optional<String> digest) {
        ScheduledExecutorService w = writer;
        Sse s = sse;
        if (w == null || s == null) {
            return; // no stream was ever opened on this node
        }
        String data = JsonText.generate(g -> {
            g.writeStartObject().write("context", context);
            digest.ifPresent(d -> g.write("digest", d));
            g.writeEnd();
        });
        OutboundSseEvent event = s.newEventBuilder().name("invalidate").id(id)
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build();
        w.execute(() -> streams.forEach(st -> {
            if (st.readable().contains(context)) {
                send(st, event);
            }
        }));
    }

    @Override
    public void resync() {
        ScheduledExecutorService w = writer;
        Sse s = sse;
        if (w == null || s == null) {
            return;
        }
        OutboundSseEvent event = s.newEventBuilder().name("resync")
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, "{}").build();
        w.execute(() -> streams.forEach(st -> send(st, event)));
    }

    @PreDestroy
    void stop() {
        ScheduledExecutorService w = writer;
        if (w == null) {
            return; // no stream was ever opened on this node
        }
        // RESTEasy's SseEventSink.close() waits for the response to complete, which during an undeploy
        // may never happen (seen on WildFly: the undeploy hung and the server refused every later
        // deployment). The writer, the one thread that writes to the sinks, closes them after what it is
        // sending now, with a bounded wait: the container ends whatever connections are left when the
        // application goes away. Events still queued are dropped (send skips them once shut down).
        w.execute(() -> streams.forEach(this::close));
        w.shutdown();
        try {
            if (!w.awaitTermination(CLOSE_AT_UNDEPLOY_MILLIS, TimeUnit.MILLISECONDS)) {
                w.shutdownNow();
            }
        } catch (InterruptedException e) {
            w.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void start(Sse s, MizanSettings settings) {
        if (writer != null) {
            return;
        }
        sse = s;
        ScheduledExecutorService w = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mizan-events");
            t.setDaemon(true);
            return t;
        });
        writer = w; // before anything runs on it: send() asks it whether it was shut down
        long every = settings.eventsHeartbeat().toMillis();
        w.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        engine.listen(this);
    }

    private void heartbeat() {
        beat(streams.iterator(), sse.newEventBuilder().comment("").build());
    }

    /**
     * Sends the heartbeat to the next {@link #HEARTBEAT_SLICE} streams, then queues the rest behind what
     * the writer was given meanwhile: a sweep of 10,000 streams can take a second, and an event must
     * not wait for it. The set's iterator tolerates streams added and removed between slices.
     */
    private void beat(Iterator<Stream> rest, OutboundSseEvent beat) {
        for (int n = 0; n < HEARTBEAT_SLICE && rest.hasNext(); n++) {
            send(rest.next(), beat);
        }
        ScheduledExecutorService w = writer;
        if (rest.hasNext() && !w.isShutdown()) {
            try {
                w.execute(() -> beat(rest, beat));
            } catch (RejectedExecutionException undeploying) {
                // the streams are about to be closed
            }
        }
    }

    private void send(Stream stream, OutboundSseEvent event) {
        if (writer.isShutdown()) {
            return; // undeploying: the streams are about to be closed
        }
        if (stream.sink().isClosed()) {
            close(stream);
            return;
        }
        write(stream, event);
    }

    /** Sends, closing the stream when the sink fails; false when it refused the event at once. */
    private boolean write(Stream stream, OutboundSseEvent event) {
        try {
            stream.sink().send(event).whenComplete((ok, failure) -> {
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
        if (streams.remove(stream)) {
            open.decrementAndGet();
            engine.metrics().streams(-1);
            if (stream.sink().isClosed()) {
                return; // the runtime closed it (the client left): closing again only makes the container log
            }
            try {
                stream.sink().close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "MZRS00010: closing an event stream failed", e);
            }
        }
    }
}
