package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyReaderTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    private static JsonObject read(String body, long maxBody, int maxDepth) {
        return new JsonBodyReader(JSON, maxBody, maxDepth).read(stream(body));
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnObjectWithEveryKindOfValue() {
        String body = "{\"list\":3,\"title\":\"caf\u00e9 \ud83d\ude00\",\"done\":false,\"none\":null,"
                + "\"tags\":[\"a\",[1,2],{\"k\":1.5}],\"big\":123456789012345678901234567890,\"o\":{\"p\":{\"q\":true}}}";
        JsonObject expected = Json.createReader(new StringReader(body)).readObject();
        assertThat(read(body, 10_000, 64)).isEqualTo(expected);
    }

    @Test
    void readsTheEmptyObject() {
        assertThat(read("{}", 10, 64)).isEmpty();
    }

    @Test
    void tenThousandNestedArraysAreABadRequestNotAStackOverflow() {
        String body = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThatThrownBy(() -> read(body, 1 << 20, 64))
                .isInstanceOfSatisfying(MizanException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad_request");
                    assertThat(e.getMessage()).contains("64");
                });
    }

    @Test
    void tenThousandNestedArraysAtTheTopAreABadRequest() {
        String body = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> read(body, 1 << 20, 64))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    }

    @Test
    void aParserFailureBeyondOurLimitIsStillABadRequest() {
        // with a limit above Parsson's own cap (1,000 levels), Parsson refuses first with a bare
        // RuntimeException; that too must become bad_request, never escape as a 500
        String body = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertThatThrownBy(() -> read(body, 1 << 20, 20_000))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    }

    @Test
    void theDepthLimitCountsTheTopLevelObject() {
        assertThat(read("{\"a\":{\"b\":[]}}", 100, 3)).containsKey("a");
        assertThatThrownBy(() -> read("{\"a\":{\"b\":[[]]}}", 100, 3))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhileStreaming() {
        // an endless body with no Content-Length: only counting while reading can stop it
        InputStream endless = new InputStream() {
            private final byte[] head = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
            private long pos;

            @Override
            public int read() {
                return pos < head.length ? head[(int) pos++] : (pos++ >= 0 ? 'x' : -1);
            }
        };
        assertThatThrownBy(() -> new JsonBodyReader(JSON, 1000, 64).read(endless))
                .isInstanceOfSatisfying(MizanException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("payload_too_large");
                });
    }

    @Test
    void aBodyExactlyAtTheLimitIsRead() {
        String body = "{\"a\":\"xyz\"}";
        assertThat(read(body, body.length(), 64)).containsKey("a");
        assertThatThrownBy(() -> read(body, body.length() - 1, 64))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("payload_too_large"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        for (String body : new String[] {"", "{", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1}x", "{\"a\":1}{}", "nul"}) {
            assertThatThrownBy(() -> read(body, 100, 64)).as(body)
                    .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
        }
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequest() {
        for (String body : new String[] {"[]", "1", "\"a\"", "null", "true"}) {
            assertThatThrownBy(() -> read(body, 100, 64)).as(body)
                    .isInstanceOfSatisfying(MizanException.class, e -> {
                        assertThat(e.code()).isEqualTo("bad_request");
                        assertThat(e.getMessage()).contains("object");
                    });
        }
    }
}
