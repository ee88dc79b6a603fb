package dev.mizan.jaxrs.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The events this node heard of lately, for a stream that catches up from a moment ({@code GET
 * /events?since=}, or {@code ?recent=} for a moment that long ago): a server-rendered page's data is read
 * at that moment, and its stream opens only once the page has loaded; a page rendered in the browser may
 * get its first answers before its stream is registered (docs/how-to/live-updates.md, "Catching up"). Each event
 * is stamped with this node's clock when it arrived; a catch-up replays those stamped up to {@link #SKEW}
 * before the moment asked for, since the page may have been rendered by another node whose clock is ahead.
 * Events are idempotent (a refetch), so replaying a few too many costs a request, and none too few is lost.
 */
final class EventLog {

    /** The most events kept: a catch-up from before the oldest kept is answered with a resync. */
    static final int CAPACITY = 1024;
    /** How long an event is kept. */
    static final Duration KEPT = Duration.ofMinutes(5);
    /**
     * How far the nodes' clocks may disagree ({@code since}), or how much longer a stream's request may take
     * to arrive than the page's first read ({@code recent}).
     */
    static final Duration SKEW = Duration.ofSeconds(1);

    /**
     * An event as the streams receive it.
     *
     * @param at      this node's clock when it arrived, epoch ms
     * @param id      the event's id ({@code Mizan-Event-Id})
     * @param context the purged context
     * @param data    the event's data (JSON text)
     * @param user      the key of the only user whose streams hear it ({@link EventStreams#userKey}), 0 for every stream
     */
    record Logged(long at, String id, String context, String data, long user) {
    }

    private final LongSupplier clock;
    private final ArrayDeque<Logged> events = new ArrayDeque<>();
    /** Every event that arrived at or after this time is in {@link #events}. */
    private long complete;

    /** @param clock epoch ms: the log holds every event from now on */
    EventLog(LongSupplier clock) {
        this.clock = clock;
        this.complete = clock.getAsLong();
    }

    /** Keeps an event, forgetting those beyond {@link #CAPACITY} or older than {@link #KEPT}. */
    synchronized void add(String id, String context, String data) {
        add(id, context, data, 0);
    }

    /** Keeps an event for one user's streams only ({@code user}), or for every stream (0). */
    synchronized void add(String id, String context, String data, long user) {
        long now = clock.getAsLong();
        events.addLast(new Logged(now, id, context, data, user));
        forgetOld(now);
    }

    /**
     * Forgets every event: this node may have missed some (its pub/sub subscription was lost, or some node
     * moved the epoch), so a catch-up from before now must refetch everything.
     */
    synchronized void lost() {
        long now = clock.getAsLong();
        events.clear();
        complete = Math.max(complete, now + 1);
    }

    /**
     * @param since epoch ms, the moment to catch up from
     * @return the events that arrived since, oldest first, or empty when the log cannot tell (it started,
     *         forgot events or lost some after that): the client must refetch everything
     */
    synchronized Optional<List<Logged>> since(long since) {
        forgetOld(clock.getAsLong());
        long from = since - SKEW.toMillis();
        if (from < complete) {
            return Optional.empty();
        }
        List<Logged> out = new ArrayList<>();
        for (Iterator<Logged> newest = events.descendingIterator(); newest.hasNext(); ) {
            Logged e = newest.next();
            if (e.at() < from) {
                break;
            }
            out.add(e);
        }
        Collections.reverse(out);
        return Optional.of(out);
    }

    private void forgetOld(long now) {
        long oldest = now - KEPT.toMillis();
        while (!events.isEmpty() && (events.size() > CAPACITY || events.peekFirst().at() < oldest)) {
            complete = Math.max(complete, events.removeFirst().at() + 1);
        }
    }
}
