package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.engine.InvalidationEntry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidateHeaderTest {

    private static JsonObject params(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void writesTheListAsJson() {
        List<InvalidationEntry> entries = List.of(
                new InvalidationEntry("todos", params("{\"list\":3}")),
                new InvalidationEntry("catalog", JsonObject.EMPTY_JSON_OBJECT));
        assertThat(InvalidateHeader.encode(entries))
                .isEqualTo("[{\"context\":\"todos\",\"params\":{\"list\":3}},{\"context\":\"catalog\"}]");
    }

    @Test
    void escapesEveryNonAsciiCharacterAsUtf16Units() {
        List<InvalidationEntry> entries = List.of(
                new InvalidationEntry("todos", params("{\"title\":\"caf\u00e9 \ud83d\ude00 \u007f\"}")));
        String header = InvalidateHeader.encode(entries);

        assertThat(header).isEqualTo(
                "[{\"context\":\"todos\",\"params\":{\"title\":\"caf\\u00e9 \\ud83d\\ude00 \\u007f\"}}]");
        assertThat(header.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        // the escaped text still means the same value
        assertThat(Json.createReader(new StringReader(header)).readArray().getJsonObject(0).getJsonObject("params")
                .getString("title")).isEqualTo("caf\u00e9 \ud83d\ude00 \u007f");
    }

    @Test
    void aListOverFourKilobytesFallsBackToOneEntryPerContext() {
        List<InvalidationEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(new InvalidationEntry("todos", params("{\"list\":" + i + "}")));
            if (i == 5) {
                entries.add(new InvalidationEntry("catalog", params("{\"page\":1}")));
            }
        }
        entries.add(new InvalidationEntry("catalog", JsonObject.EMPTY_JSON_OBJECT));

        assertThat(InvalidateHeader.encode(entries)).isEqualTo("[{\"context\":\"todos\"},{\"context\":\"catalog\"}]");
    }

    @Test
    void theLimitIsFourKilobytesInclusive() {
        // each entry {"context":"c","params":{"k":"<L chars>"}} is 33 + L bytes; 93 entries of L = 10 joined
        // by commas in brackets make 2 + 93 * 43 + 92 = 4093 bytes, so a first value of 13 chars makes 4096
        assertThat(InvalidateHeader.encode(entriesWithFirstValueLength(13))).hasSize(4096)
                .startsWith("[{\"context\":\"c\",\"params\":{\"k\":\"yyyyyyyyyyyyy\"}}");
        assertThat(InvalidateHeader.encode(entriesWithFirstValueLength(14))).isEqualTo("[{\"context\":\"c\"}]");
    }

    private static List<InvalidationEntry> entriesWithFirstValueLength(int length) {
        List<InvalidationEntry> entries = new ArrayList<>();
        entries.add(new InvalidationEntry("c", params("{\"k\":\"" + "y".repeat(length) + "\"}")));
        for (int i = 1; i < 93; i++) {
            entries.add(new InvalidationEntry("c", params("{\"k\":\"" + "x".repeat(10) + "\"}")));
        }
        return entries;
    }
}
