package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.tck.fixtures.events.BoardApi;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.EventStream;
import dev.mizan.tck.framework.EventStream.Event;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** docs/reference/protocol.md, GET /events: invalidations pushed to every stream that may read the context. */
@MizanTck
class EventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-events", "mizan.events.heartbeat=PT0.2S", BoardApi.class);
    }

    private URI events() {
        return HttpTck.of(base).base().resolve("mizan/events");
    }

    private static JsonObject data(Event e) {
        return Json.createReader(new StringReader(e.data())).readObject();
    }

    private static int freshList() {
        return ThreadLocalRandom.current().nextInt(1_000, 1_000_000);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Assertion(id = "events-stream-open", strategy = "GET /events answers 200 text/event-stream and stays open")
    void opens() throws Exception {
        try (EventStream s = EventStream.open(events(), null)) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.header("Content-Type").orElse("")).startsWith("text/event-stream");
        }
    }

    @Assertion(id = "events-other-client", strategy = "bob's stream receives the invalidation of a call made by alice, with the call's Mizan-Event-Id as event id")
    void otherClient() throws Exception {
        try (EventStream bob = EventStream.open(events(), "Bearer demo-bob")) {
            assertThat(bob.status()).isEqualTo(200);
            int list = freshList();
            Reply call = HttpTck.of(base).bearer("demo-alice").call("post", "{\"list\":" + list + ",\"text\":\"hi\"}");
            assertThat(call.status()).as("%s", call).isEqualTo(200);
            String id = call.header("Mizan-Event-Id").orElseThrow(() -> new AssertionError("no Mizan-Event-Id: " + call));
            List<Event> seen = bob.until("invalidate", WAIT);
            Event e = seen.get(seen.size() - 1);
            assertThat(data(e).getString("context")).isEqualTo("board");
            assertThat(e.id()).isEqualTo(id);
        }
    }

    @Assertion(id = "events-roles", strategy = "a context bob may not read (adminNotes) never reaches his stream; alice's stream gets it")
    void roles() throws Exception {
        try (EventStream bob = EventStream.open(events(), "Bearer demo-bob");
             EventStream alice = EventStream.open(events(), "Bearer demo-alice")) {
            // note purges adminNotes only; post purges adminNotes then board. Events are written in
            // order, so once bob has board's event he would have had adminNotes' before it.
            assertThat(HttpTck.of(base).bearer("demo-alice").call("note", "{\"text\":\"x\"}").status()).isEqualTo(200);
            assertThat(HttpTck.of(base).bearer("demo-alice").call("post", "{\"list\":" + freshList() + ",\"text\":\"y\"}").status()).isEqualTo(200);
            List<Event> bobs = bob.until("invalidate", WAIT);
            assertThat(data(bobs.get(bobs.size() - 1)).getString("context")).isEqualTo("board");
            Thread.sleep(300);
            assertThat(bob.drain()).noneMatch(e -> e.data() != null && e.data().contains("adminNotes"));
            assertThat(bobs).noneMatch(e -> e.data() != null && e.data().contains("adminNotes"));
            List<Event> alices = alice.until("invalidate", WAIT);
            assertThat(data(alices.get(alices.size() - 1)).getString("context")).isEqualTo("adminNotes");
        }
    }

    @Assertion(id = "events-digest", strategy = "a param-scoped purge's event carries lowercase hex SHA-256 of the stableKey, never the param values")
    void digest() throws Exception {
        try (EventStream s = EventStream.open(events(), null)) {
            int list = freshList();
            String secret = "text-" + list;
            assertThat(HttpTck.of(base).bearer("demo-alice").call("post", "{\"list\":" + list + ",\"text\":\"" + secret + "\"}").status()).isEqualTo(200);
            List<Event> seen = s.until("invalidate", WAIT);
            Event e = seen.get(seen.size() - 1);
            JsonObject d = data(e);
            assertThat(d.getString("context")).isEqualTo("board");
            assertThat(d.getString("digest")).isEqualTo(sha256("board|{\"list\":" + list + "}"));
            assertThat(e.data()).doesNotContain(Integer.toString(list)).doesNotContain(secret).doesNotContain("\"list\"");
            assertThat(d.keySet()).containsExactlyInAnyOrder("context", "digest");
        }
    }

    @Assertion(id = "events-context-wide", strategy = "a purge of every entry of a context carries no digest")
    void contextWide() throws Exception {
        try (EventStream s = EventStream.open(events(), null)) {
            assertThat(HttpTck.of(base).bearer("demo-alice").call("clear", "{}").status()).isEqualTo(200);
            List<Event> seen = s.until("invalidate", WAIT);
            JsonObject d = data(seen.get(seen.size() - 1));
            assertThat(d.getString("context")).isEqualTo("board");
            assertThat(d.containsKey("digest")).isFalse();
        }
    }

    @Assertion(id = "events-user-purge", strategy = "Invalidation.user(\"bob\") made by alice's call: bob's stream hears a"
            + " context-wide invalidate of the USER context he may read (drafts; not adminNotes), with the call's event id;"
            + " alice's stream hears nothing of it, and her call's invalidate list leaves it out")
    void userPurgeReachesThatUsersStreamsOnly() throws Exception {
        try (EventStream bob = EventStream.open(events(), "Bearer demo-bob");
             EventStream alice = EventStream.open(events(), "Bearer demo-alice")) {
            Reply call = HttpTck.of(base).bearer("demo-alice").call("forget", "{\"user\":\"bob\"}");
            assertThat(call.status()).as("%s", call).isEqualTo(200);
            assertThat(call.json().getJsonArray("invalidate")).isEmpty();
            String id = call.header("Mizan-Event-Id").orElseThrow(() -> new AssertionError("no Mizan-Event-Id: " + call));
            List<Event> bobs = bob.until("invalidate", WAIT);
            Event e = bobs.get(bobs.size() - 1);
            assertThat(data(e).getString("context")).isEqualTo("drafts");
            assertThat(data(e).keySet()).containsExactly("context");
            assertThat(e.id()).isEqualTo(id);
            // events are written in order: once alice has the board's event she would have had one of bob's before it
            assertThat(HttpTck.of(base).bearer("demo-alice").call("clear", "{}").status()).isEqualTo(200);
            List<Event> alices = alice.until("invalidate", WAIT);
            assertThat(alices).allMatch(a -> !"invalidate".equals(a.name()) || data(a).getString("context").equals("board"));
            Thread.sleep(300);
            assertThat(bob.drain()).noneMatch(a -> a.data() != null && a.data().contains("adminNotes"));
        }
    }

    @Assertion(id = "events-user-purge-own", strategy = "a caller who purges their own entries (Invalidation.user) finds the"
            + " USER contexts in the call's invalidate list: the calling tab ignores its call's own event")
    void ownUserPurgeIsListed() {
        Reply call = HttpTck.of(base).bearer("demo-bob").call("forget", "{\"user\":\"bob\"}");
        assertThat(call.status()).as("%s", call).isEqualTo(200);
        assertThat(call.json().getJsonArray("invalidate").getValuesAs(JsonObject.class))
                .anyMatch(i -> i.getString("context").equals("drafts") && !i.containsKey("params"));
    }

    /** @return the server's clock, epoch ms */
    private long serverClock() {
        Reply r = HttpTck.of(base).bearer("demo-bob").call("clock", "{}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().getJsonNumber("result").longValueExact();
    }

    @Assertion(id = "events-catch-up", strategy = "a stream opened with since=<a moment before a call> first replays that"
            + " call's event (and none of a context its user may not read), then says replayed, then goes on live")
    void catchUp() throws Exception {
        // the node keeps events from its deployment on: a moment just after it may have to resync; and the
        // 65 events of events-catch-up-many, if it ran just before, must be more than a second before since
        Thread.sleep(1500);
        long since = serverClock();
        int list = freshList();
        Reply note = HttpTck.of(base).bearer("demo-alice").call("note", "{\"text\":\"catch-up\"}");
        assertThat(note.status()).as("%s", note).isEqualTo(200);
        Reply post = HttpTck.of(base).bearer("demo-alice").call("post", "{\"list\":" + list + ",\"text\":\"z\"}");
        assertThat(post.status()).as("%s", post).isEqualTo(200);
        String id = post.header("Mizan-Event-Id").orElseThrow(() -> new AssertionError("no Mizan-Event-Id: " + post));
        String posted = sha256("board|{\"list\":" + list + "}");
        try (EventStream bob = EventStream.open(URI.create(events() + "?since=" + since), "Bearer demo-bob")) {
            assertThat(bob.status()).isEqualTo(200);
            List<Event> replayed = bob.until("replayed", WAIT);
            assertThat(replayed).noneMatch(e -> e.name().equals("resync"))
                    .noneMatch(e -> e.data() != null && e.data().contains("adminNotes"))
                    .anyMatch(e -> id.equals(e.id()) && posted.equals(data(e).getString("digest", "")));
            int later = freshList();
            assertThat(HttpTck.of(base).bearer("demo-alice").call("post", "{\"list\":" + later + ",\"text\":\"w\"}").status()).isEqualTo(200);
            String digest = sha256("board|{\"list\":" + later + "}");
            List<Event> live = bob.until("invalidate", WAIT);
            while (!digest.equals(data(live.get(live.size() - 1)).getString("digest", ""))) {
                live = bob.until("invalidate", WAIT); // another test's purge, replayed or live
            }
        }
    }

    @Assertion(id = "events-catch-up-recent", strategy = "a stream opened with recent=<ms since just before a call> first"
            + " replays that call's event but not one received more than recent + 1 s before, then says replayed")
    void catchUpRecent() throws Exception {
        Thread.sleep(1500); // the node keeps events from its deployment on: a moment just after it may have to resync
        HttpTck alice = HttpTck.of(base).bearer("demo-alice");
        Reply old = alice.call("post", "{\"list\":" + freshList() + ",\"text\":\"old\"}");
        assertThat(old.status()).as("%s", old).isEqualTo(200);
        String oldId = old.header("Mizan-Event-Id").orElseThrow(() -> new AssertionError("no Mizan-Event-Id: " + old));
        Thread.sleep(2500);
        long start = System.nanoTime();
        Reply post = alice.call("post", "{\"list\":" + freshList() + ",\"text\":\"recent\"}");
        assertThat(post.status()).as("%s", post).isEqualTo(200);
        String id = post.header("Mizan-Event-Id").orElseThrow(() -> new AssertionError("no Mizan-Event-Id: " + post));
        long recent = Duration.ofNanos(System.nanoTime() - start).toMillis();
        try (EventStream bob = EventStream.open(URI.create(events() + "?recent=" + recent), "Bearer demo-bob")) {
            assertThat(bob.status()).isEqualTo(200);
            List<Event> replayed = bob.until("replayed", WAIT);
            assertThat(replayed).noneMatch(e -> e.name().equals("resync"))
                    .anyMatch(e -> id.equals(e.id()))
                    .noneMatch(e -> oldId.equals(e.id()));
        }
    }

    @Assertion(id = "events-catch-up-resync", strategy = "a stream asked to catch up from before the node could know (since=0)"
            + " gets resync, then replayed")
    void catchUpTooFarBack() throws Exception {
        try (EventStream s = EventStream.open(URI.create(events() + "?since=0"), null)) {
            assertThat(s.status()).isEqualTo(200);
            List<Event> seen = s.until("replayed", WAIT);
            assertThat(seen).filteredOn(e -> !e.comment()).extracting(Event::name).containsExactly("resync", "replayed");
        }
    }

    @Assertion(id = "events-catch-up-many", strategy = "a catch-up with more than 64 events to replay gets resync instead,"
            + " then replayed")
    void catchUpTooMany() throws Exception {
        Thread.sleep(1100); // the node keeps events from its deployment on: a moment just after it may have to resync
        long since = serverClock();
        HttpTck alice = HttpTck.of(base).bearer("demo-alice");
        for (int i = 0; i < 65; i++) {
            assertThat(alice.call("clear", "{}").status()).isEqualTo(200);
        }
        try (EventStream s = EventStream.open(URI.create(events() + "?since=" + since), null)) {
            assertThat(s.status()).isEqualTo(200);
            List<Event> seen = s.until("replayed", WAIT);
            assertThat(seen).filteredOn(e -> !e.comment()).extracting(Event::name).containsExactly("resync", "replayed");
        }
    }

    @Assertion(id = "events-since-malformed", strategy = "a since or recent that is not 1 to 15 decimal digits, or both"
            + " together, answers 400 bad_request (JSON)")
    void sinceMalformed() {
        for (String bad : List.of("abc", "-1", "1.5", "", "1234567890123456")) {
            for (String query : List.of("since=" + bad, "recent=" + bad)) {
                Reply r = HttpTck.of(base).get("mizan/events?" + query, "Accept", "text/event-stream");
                assertThat(r.status()).as("%s: %s", query, r).isEqualTo(400);
                assertThat(r.errorCode()).as("%s", query).isEqualTo("bad_request");
            }
        }
        Reply both = HttpTck.of(base).get("mizan/events?since=1&recent=1", "Accept", "text/event-stream");
        assertThat(both.status()).as("%s", both).isEqualTo(400);
        assertThat(both.errorCode()).isEqualTo("bad_request");
    }

    @Assertion(id = "events-clock", strategy = "a stream's first line is the comment 'mizan <ms>' and each heartbeat the"
            + " comment '<ms>': the node's clock, between the server's clock read before the stream opened and after")
    void clockInComments() throws Exception {
        long before = serverClock();
        try (EventStream s = EventStream.open(events(), null)) {
            List<Event> opening = s.until(":", WAIT);
            long opened = clockIn(opening.get(opening.size() - 1), "mizan (\\d{1,15})");
            List<Event> beat = s.until(":", WAIT);
            long beaten = clockIn(beat.get(beat.size() - 1), "(\\d{1,15})");
            long after = serverClock();
            assertThat(opened).isBetween(before, after);
            assertThat(beaten).isBetween(opened, after);
        }
    }

    private static long clockIn(Event comment, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(comment.data());
        assertThat(m.matches()).as("comment %s matches %s", comment, pattern).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Assertion(id = "events-heartbeat", strategy = "with mizan.events.heartbeat=PT0.2S, comment lines arrive on an idle stream")
    void heartbeat() throws Exception {
        try (EventStream s = EventStream.open(events(), null)) {
            s.until(":", WAIT); // the opening comment
            s.until(":", WAIT);
            List<Event> seen = s.until(":", WAIT);
            assertThat(seen).allMatch(Event::comment);
        }
    }
}
