package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.InvalidationListener;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.spi.HealthPart;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * This node's {@code /events} streams (docs/reference/protocol.md, docs/how-to/live-updates.md): the
 * contexts each stream's user may read, decided when it opened, and the events of the purges they may hear
 * of. The streams and their writer thread are {@link OpenStreams}, started by the first stream, so a purge
 * (often on the cache backend's own thread) never waits for a client. From deployment on, every event is
 * also kept a while in an {@link EventLog}, for the streams that catch up ({@code since}).
 */
@ApplicationScoped
public class EventStreams implements InvalidationListener, HealthPart {

    @Inject
    MizanEngine engine;

    /**
     * The most events a catch-up replays; beyond, a {@code resync} (the client refetches what it shows, one
     * read each) costs less, and the stream's queue stays far below what closes a stream whose client stopped
     * reading ({@link OpenStreams#MAX_UNSENT}).
     */
    static final int MAX_REPLAY = 64;
    /** This node's clock, epoch ms: the event log's stamps and the time in every stream's comments. */
    static final LongSupplier CLOCK = System::currentTimeMillis;

    /** Streams of users with the same rights share one set of readable contexts. */
    private final ConcurrentHashMap<Set<String>, Set<String>> readableSets = new ConcurrentHashMap<>();
    /** The recent events, for streams that catch up; null while events are off. */
    private volatile EventLog log;
    private volatile OpenStreams open;
    private volatile Sse sse;
    private volatile boolean stopped;
    /**
     * When this node stopped hearing the other nodes' purges (its subscription was lost), until it is back; 0
     * while it hears them. The clock the streams are told stays there meanwhile: a client that reconnects to
     * another node catches up from before what this node missed.
     */
    private volatile long lostAt;

    /**
     * Opens a stream, or refuses when this node holds {@code mizan.events.max-streams} already or is undeploying.
     * With {@code since}, the stream first catches up: the events that arrived since (of the contexts its
     * user may read), or a {@code resync} when the log cannot tell, then {@code replayed}.
     *
     * @param sink     the client's sink
     * @param sse      the runtime's event factory
     * @param readable the contexts the stream's user may read
     * @param user     the stream's user ({@link #userKey}), 0 when anonymous
     * @param since    epoch ms to catch up from; empty: no catch-up
     * @return false when refused (nothing was written to the sink)
     */
    boolean open(SseEventSink sink, Sse sse, Set<String> readable, long user, OptionalLong since) {
        MizanSettings settings = engine.settings();
        OpenStreams streams = start(sse, settings);
        Set<String> shared = readableSets.computeIfAbsent(Set.copyOf(readable), s -> s);
        // the log is read once the stream is in: an event arriving meanwhile is sent live, or replayed, or
        // both (a second refetch), never neither
        return streams != null && streams.open(sink, shared, user, clockComment(sse, "mizan "),
                settings.eventsMaxStreams(), since.isEmpty() ? null : () -> catchUp(since.getAsLong(), shared, user));
    }

    /**
     * A stream's user as a number: the first 64 bits of the user's keyed token (an HMAC, so two users share a
     * key only by a 2^-64 chance, and then one hears the other's "your entries changed": a refetch, no data).
     * Never 0, which stands for anonymous.
     *
     * @param userToken {@link MizanEngine#userToken}: hex, at least 16 digits
     */
    static long userKey(String userToken) {
        long key = Long.parseUnsignedLong(userToken.substring(0, 16), 16);
        return key == 0 ? 1 : key;
    }

    /** Starts the log when the application starts, so that a page rendered before the first stream can catch up. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (engine.settings().eventsEnabled()) {
            log = new EventLog(CLOCK);
            engine.listen(this);
        }
    }

    private List<OutboundSseEvent> catchUp(long since, Set<String> readable, long user) {
        List<OutboundSseEvent> out = new ArrayList<>();
        EventLog events = log;
        Optional<List<EventLog.Logged>> missed = events == null ? Optional.empty() : events.since(since);
        if (missed.isPresent()) {
            for (EventLog.Logged e : missed.get()) {
                if (readable.contains(e.context()) && (e.user() == 0 || e.user() == user)) {
                    out.add(invalidateEvent(e.id(), e.data()));
                }
            }
        }
        if (missed.isEmpty() || out.size() > MAX_REPLAY) {
            out.clear();
            out.add(resyncEvent());
        }
        out.add(sse.newEventBuilder().name("replayed").mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, "{}").build());
        return out;
    }

    /**
     * A comment holding this node's clock: the first line of a stream ({@code mizan <ms>}) and each heartbeat
     * ({@code <ms>}). A client that reconnects catches up from the last one it heard once its stream was
     * caught up: an event logged before that time was handed to the stream before the comment (both go
     * through the writer thread in order; a purge logged a moment before the clock was read but handed over
     * just after it is within the catch-up's second of margin), so it was heard too (docs/how-to/live-updates.md).
     */
    private OutboundSseEvent clockComment(Sse sse, String prefix) {
        long lost = lostAt;
        return sse.newEventBuilder().comment(prefix + (lost != 0 ? lost : CLOCK.getAsLong())).build();
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
        OpenStreams streams = open;
        return Map.of("streams", streams == null ? 0 : streams.size(), "max-streams", engine.settings().eventsMaxStreams());
    }

    @Override
    public void invalidated(String id, String context, Optional<String> digest) {
        String data = JsonText.generate(g -> {
            g.writeStartObject().write("context", context);
            digest.ifPresent(d -> g.write("digest", d));
            g.writeEnd();
        });
        log.add(id, context, data);
        OpenStreams streams = open;
        if (streams != null) {
            streams.send(invalidateEvent(id, data), context);
        }
    }

    /**
     * {@code Invalidation.user}: that user's streams hear a context-wide {@code invalidate} of each USER-scope
     * context they may read, under the call's event id; no other stream hears of it.
     */
    @Override
    public void userInvalidated(String id, String userToken) {
        long user = userKey(userToken);
        Map<String, OutboundSseEvent> events = new LinkedHashMap<>();
        for (String context : engine.userContextNames()) {
            String data = JsonText.generate(g -> g.writeStartObject().write("context", context).writeEnd());
            log.add(id, context, data, user);
            events.put(context, invalidateEvent(id, data));
        }
        OpenStreams streams = open;
        if (streams != null && !events.isEmpty()) {
            streams.sendToUser(user, events);
        }
    }

    @Override
    public void lost() {
        if (lostAt == 0) {
            lostAt = CLOCK.getAsLong();
        }
        log.lost();
    }

    @Override
    public void resync() {
        lostAt = 0;
        log.lost();
        OpenStreams streams = open;
        if (streams != null) {
            streams.sendAll(resyncEvent());
        }
    }

    private OutboundSseEvent invalidateEvent(String id, String data) {
        return sse.newEventBuilder().name("invalidate").id(id).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build();
    }

    private OutboundSseEvent resyncEvent() {
        return sse.newEventBuilder().name("resync").mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, "{}").build();
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (open != null) {
            open.stop();
        }
    }

    /** @return the streams, started by the first one; null once undeploying */
    private synchronized OpenStreams start(Sse s, MizanSettings settings) {
        if (stopped) {
            return null;
        }
        if (open == null) {
            sse = s;
            open = new OpenStreams(settings.eventsHeartbeat(), () -> clockComment(s, ""), engine.metrics()::streams);
        }
        return open;
    }
}
