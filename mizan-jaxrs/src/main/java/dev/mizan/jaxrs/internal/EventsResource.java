package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.engine.MizanSettings;
import dev.mizan.cdi.internal.model.ContextModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.executable.ExecutableType;
import jakarta.validation.executable.ValidateOnExecution;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code GET /events}: server-sent invalidations (docs/reference/protocol.md). The method returns as
 * soon as the stream is registered; the runtime keeps the response open without a thread.
 */
@Path("events")
@ApplicationScoped
public class EventsResource {

    /** Seconds a client refused for the stream limit is asked to wait. */
    static final int RETRY_AFTER_SECONDS = 10;

    /**
     * The response buffer of a stream, in bytes. A stream holds its buffer for as long as it is open, and a
     * container's default is sized for page responses (Undertow takes a 16 KiB direct buffer from its pool:
     * 160 MiB outside the heap for 10,000 idle streams). Events are a few hundred bytes and each is flushed
     * as it is written, so a small buffer costs no extra writes (docs/how-to/live-updates.md, "Memory").
     */
    static final int STREAM_BUFFER_BYTES = 1024;

    /** The longest {@code since} or {@code recent} accepted: epoch milliseconds have 13 digits until the year 2286. */
    private static final int MAX_DIGITS = 15;

    private static final System.Logger LOG = System.getLogger(EventsResource.class.getName());

    @Inject
    MizanEngine engine;

    @Inject
    EventStreams streams;

    private volatile boolean warnedSync;

    /**
     * Opens a stream for the contexts the caller may read, or answers 404 (events off), 400 (a {@code since}
     * or {@code recent} that is no time, or both) or 503 (limit). With {@code since}, the stream first catches
     * up from that time; with {@code recent}, from that many milliseconds ago by this node's clock.
     * Its parameters carry no constraints, so it is declared not validated: a runtime that validates
     * resource methods otherwise makes a validator for each request and keeps it among the request's
     * attributes, which for a stream means for as long as it is open (docs/how-to/live-updates.md, "Memory").
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ValidateOnExecution(type = ExecutableType.NONE)
    public void events(@Context Configuration config, @Context Application app, @Context HttpServletRequest request,
                       @Context HttpServletResponse response, @Context SseEventSink sink, @Context Sse sse,
                       @QueryParam("since") String since, @QueryParam("recent") String recent) {
        MizanMarker.require(config, app);
        MizanSettings settings = engine.settings();
        if (!settings.eventsEnabled()) {
            throw Problems.notFound();
        }
        SessionCsrf.refuseCrossSite(request, settings.corsOrigins());
        OptionalLong from = catchUpFrom(since, recent, EventStreams.CLOCK.getAsLong());
        if (!request.isAsyncSupported() && !warnedSync) {
            warnedSync = true;
            LOG.log(System.Logger.Level.WARNING, "MZRS00011: GET /events runs without asynchronous servlet support, so"
                    + " streams may not stay open; mark every servlet filter in front of Mizan asyncSupported = true");
        }
        Caller caller = engine.caller(request);
        Set<String> readable = new HashSet<>();
        for (ContextModel ctx : engine.contexts()) {
            if (engine.mayRead(ctx.name(), caller)) {
                readable.add(ctx.name());
            }
        }
        response.setBufferSize(STREAM_BUFFER_BYTES); // before the stream's first write, which commits the response
        long user = caller.user().map(u -> EventStreams.userKey(engine.userToken(u))).orElse(0L);
        if (!streams.open(sink, sse, readable, user, from)) {
            Response full = ErrorResponses.of(503, "unavailable", "Too many event streams on this server; retry later");
            throw new WebApplicationException(Response.fromResponse(full)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)).build());
        }
    }

    /**
     * @param since  a page's {@code readAt}, epoch ms, or null
     * @param recent how long ago the client was made, in ms, or null: a page rendered in the browser may get
     *               its first answers before its stream is registered (docs/how-to/live-updates.md)
     * @param now    this node's clock, epoch ms
     * @return the time a stream catches up from, epoch ms; empty without either parameter
     */
    static OptionalLong catchUpFrom(String since, String recent, long now) {
        if (since != null && recent != null) {
            throw Problems.badRequest("give since or recent, not both");
        }
        if (since != null) {
            return OptionalLong.of(millis(since, "since must be a time in milliseconds since the epoch, as a server-rendered page's readAt"));
        }
        if (recent != null) {
            return OptionalLong.of(now - millis(recent, "recent must be a number of milliseconds"));
        }
        return OptionalLong.empty();
    }

    private static long millis(String text, String problem) {
        if (text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Problems.badRequest(problem);
        }
        return Long.parseLong(text);
    }
}
