package dev.mizan.cache.jedis.internal;

import dev.mizan.spi.CacheBackend.Entry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EntryCodecTest {

    @Test
    void anEntryRoundTrips() {
        Entry entry = new Entry(new long[]{Long.MIN_VALUE, -1, 0, 42, Long.MAX_VALUE},
                "{\"name\":\"Zoë 😀\"}".getBytes(StandardCharsets.UTF_8), "\"abc\"");
        Entry back = EntryCodec.decode(EntryCodec.encode(entry));
        assertThat(back.stamp()).containsExactly(entry.stamp());
        assertThat(back.body()).isEqualTo(entry.body());
        assertThat(back.etag()).isEqualTo("\"abc\"");
    }

    @Test
    void anEmptyBodyAndStampRoundTrip() {
        Entry back = EntryCodec.decode(EntryCodec.encode(new Entry(new long[0], new byte[0], "")));
        assertThat(back.stamp()).isEmpty();
        assertThat(back.body()).isEmpty();
    }

    @Test
    void whatIsNotAnEntryReadsAsAbsent() {
        assertThat(EntryCodec.decode(null)).isNull();
        assertThat(EntryCodec.decode("hello world".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(EntryCodec.decode(new byte[]{1, 0x7f, 0, 0, 0, 0, 0, 0, 0, 0})).isNull();
    }
}
