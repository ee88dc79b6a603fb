package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * docs/how-to/live-updates.md, "Catching up": a stream that catches up from a
 * moment gets every event since (and up to a second before, for the clocks of other nodes), or is told to
 * refetch everything when the log cannot know.
 */
class EventLogTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final EventLog log = new EventLog(now::get);

    private List<String> ids(Optional<List<EventLog.Logged>> events) {
        return events.orElseThrow(() -> new AssertionError("a resync where events were expected")).stream()
                .map(EventLog.Logged::id).toList();
    }

    private void at(long time, String id) {
        now.set(time);
        log.add(id, "board", "{\"context\":\"board\"}");
    }

    @Test
    void theEventsSinceAMomentAreReplayedOldestFirstFromASecondBefore() {
        at(1_010_000, "a");
        at(1_020_000, "b");
        at(1_020_500, "c");
        at(1_030_000, "d");
        now.set(1_040_000);
        assertThat(ids(log.since(1_021_000))).containsExactly("b", "c", "d"); // b and c: within a second before
        assertThat(ids(log.since(1_021_001))).containsExactly("c", "d");
        assertThat(ids(log.since(1_035_000))).isEmpty();
        assertThat(log.since(1_050_000)).as("a moment ahead of this node's clock").hasValue(List.of());
    }

    @Test
    void aMomentBeforeTheLogStartedCannotBeReplayed() {
        at(1_005_000, "a");
        assertThat(log.since(1_000_999)).as("a page rendered before this node began listening").isEmpty();
        assertThat(ids(log.since(1_001_000))).containsExactly("a");
    }

    @Test
    void aMomentBeforeAForgottenEventCannotBeReplayed() {
        for (int i = 0; i <= EventLog.CAPACITY; i++) {
            at(1_100_000 + i, "e" + i); // one more than it keeps: e0 is forgotten
        }
        assertThat(log.since(1_101_000)).as("e0 arrived at 1_100_000 and is gone").isEmpty();
        assertThat(ids(log.since(1_101_001))).hasSize(EventLog.CAPACITY).startsWith("e1").endsWith("e" + EventLog.CAPACITY);
    }

    @Test
    void eventsOlderThanTheyAreKeptAreForgotten() {
        at(1_100_000, "old");
        now.set(1_100_000 + EventLog.KEPT.toMillis() + 1);
        assertThat(log.since(1_101_000)).as("old is forgotten, so the log cannot tell").isEmpty();
        assertThat(log.since(1_101_001)).hasValue(List.of());
    }

    @Test
    void afterALossNothingBeforeItCanBeReplayed() {
        at(1_010_000, "a");
        now.set(1_020_000);
        log.lost();
        at(1_030_000, "b");
        assertThat(log.since(1_020_000)).as("the loss at 1_020_000 may have hidden events").isEmpty();
        assertThat(ids(log.since(1_021_001))).containsExactly("b");
    }
}
