package dev.mizan.cdi.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text a purge carries for the event streams of every node (docs/reference/protocol.md). */
class InvalidationEventTest {

    @Test
    void roundTripsWithAndWithoutADigest() {
        InvalidationEvent withDigest = new InvalidationEvent("ab12", "todos", Optional.of("0f".repeat(32)));
        assertThat(withDigest.encode()).isEqualTo("{\"id\":\"ab12\",\"context\":\"todos\",\"digest\":\"" + "0f".repeat(32) + "\"}");
        assertThat(InvalidationEvent.decode(withDigest.encode())).contains(withDigest);
        InvalidationEvent wide = new InvalidationEvent("ab12", "todos", Optional.empty());
        assertThat(wide.encode()).doesNotContain("\n").doesNotContain("digest");
        assertThat(InvalidationEvent.decode(wide.encode())).contains(wide);
    }

    @Test
    void aUserPurgeRoundTripsAndIsNoContextEvent() {
        UserInvalidation user = new UserInvalidation("ab12", "0f".repeat(16));
        assertThat(user.encode()).isEqualTo("{\"id\":\"ab12\",\"user\":\"" + "0f".repeat(16) + "\"}");
        assertThat(UserInvalidation.decode(user.encode())).contains(user);
        assertThat(InvalidationEvent.decode(user.encode())).isEmpty();
        assertThat(UserInvalidation.decode(new InvalidationEvent("ab12", "todos", Optional.empty()).encode())).isEmpty();
        assertThat(UserInvalidation.decode("{\"id\":\"ab12\",\"user\":1}")).isEmpty();
    }

    @Test
    void foreignTextIsNoEvent() {
        assertThat(InvalidationEvent.decode("not json")).isEmpty();
        assertThat(InvalidationEvent.decode("{\"context\":\"todos\"}")).isEmpty();
        assertThat(InvalidationEvent.decode("[1]")).isEmpty();
    }

    @Test
    void digestsAreLowercaseHexSha256OfTheStableKey() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        assertThat(EventIds.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(EventIds.next()).matches("[0-9a-f]{16}").isNotEqualTo(EventIds.next());
    }
}
