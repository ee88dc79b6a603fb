package dev.mizan.cache.jedis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The purge channel's message: a counter, then optionally a line feed and the event. */
class PurgeMessageTest {

    @Test
    void aBareCounterHasNoEvent() {
        assertThat(PurgeMessage.encode("ctx:{todos}", null)).isEqualTo("ctx:{todos}");
        assertThat(PurgeMessage.counter("ctx:{todos}")).isEqualTo("ctx:{todos}");
        assertThat(PurgeMessage.event("ctx:{todos}")).isNull();
    }

    @Test
    void anEventRidesAfterTheFirstLineFeed() {
        String message = PurgeMessage.encode("ctx:{todos}", "{\"id\":\"1\",\"context\":\"todos\"}");
        assertThat(message).isEqualTo("ctx:{todos}\n{\"id\":\"1\",\"context\":\"todos\"}");
        assertThat(PurgeMessage.counter(message)).isEqualTo("ctx:{todos}");
        assertThat(PurgeMessage.event(message)).isEqualTo("{\"id\":\"1\",\"context\":\"todos\"}");
        assertThat(PurgeMessage.event("c\n")).isEmpty();
    }
}
