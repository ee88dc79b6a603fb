package dev.mizan.tck.framework;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of {@code GET /events} that parses the stream as the HTML living standard's event-stream
 * format says: {@code field: value} lines, a blank line ending an event, lines starting with a colon
 * being comments. Written here, not with the server's code, so the TCK checks the wire text.
 */
public final class EventStream implements AutoCloseable {

    /** One dispatched event, or a comment ({@code name} {@code ":"}). */
    public record Event(String name, String id, String data) {
        /** @return whether this is a comment line (a heartbeat or the opening comment) */
        public boolean comment() {
            return ":".equals(name);
        }
    }

    private final int status;
    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.status = response.statusCode();
        this.reader = new Thread(this::read, "tck-event-stream");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Opens a stream and waits for its response headers.
     *
     * @param events        the URL of {@code /events}
     * @param authorization an {@code Authorization} value, or null for an anonymous stream
     * @return the open stream (check {@link #status()})
     */
    public static EventStream open(URI events, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(events).header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<Stream<String>> r = HttpClient.newHttpClient()
                    .sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(20, TimeUnit.SECONDS);
            return new EventStream(r);
        } catch (Exception e) {
            throw new UncheckedIOException("could not open " + events, new java.io.IOException(e));
        }
    }

    /** @return the response's status */
    public int status() {
        return status;
    }

    /** @return a response header */
    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /**
     * @param name    an event name, or {@code ":"} for a comment
     * @param timeout how long to wait
     * @return the first event of that name, and every event before it (in order)
     */
    public List<Event> until(String name, Duration timeout) throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no '" + name + "' event within " + timeout + "; saw " + seen);
            }
            seen.add(e);
            if (e.name().equals(name)) {
                return seen;
            }
        }
    }

    /** @return the events received so far and not yet consumed */
    public List<Event> drain() {
        List<Event> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    private void read() {
        String name = "message";
        String id = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name, id, data.toString()));
                    }
                    name = "message";
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(":", null, line.substring(1).trim()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test or the server
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
