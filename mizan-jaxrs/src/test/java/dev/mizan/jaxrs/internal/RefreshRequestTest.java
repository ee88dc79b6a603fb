package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.InvalidationEntry;
import dev.mizan.cdi.internal.engine.Refreshed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/reference/protocol.md, single-flight refresh: the "$refresh" member and the "refreshed" body. */
class RefreshRequestTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theMemberIsTakenOutOfTheArgs() {
        RefreshRequest r = RefreshRequest.of(json("{\"a\":1,\"$refresh\":[\"x|{}\",7,\"y|{}\"]}"));
        assertThat(r.args()).isEqualTo(json("{\"a\":1}"));
        assertThat(r.keys()).contains(List.of("x|{}", "y|{}"));
    }

    @Test
    void withoutTheMemberNothingChanges() {
        JsonObject body = json("{\"a\":1}");
        RefreshRequest r = RefreshRequest.of(body);
        assertThat(r.args()).isSameAs(body);
        assertThat(r.keys()).isEmpty();
    }

    @Test
    void notAnArrayIsABadRequest() {
        assertThatThrownBy(() -> RefreshRequest.of(json("{\"$refresh\":\"x|{}\"}")))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    }

    @Test
    void refreshedBodiesAreSplicedUnderTheirEscapedKeys() {
        Map<String, Refreshed> fresh = new LinkedHashMap<>();
        fresh.put("todos|{\"list\":3}", new Refreshed("[\"é\"]".getBytes(StandardCharsets.UTF_8), 42));
        String body = CallBody.result("1", List.of(new InvalidationEntry("todos", json("{\"list\":3}"))), Optional.of(fresh));
        JsonObject parsed = json(body);
        assertThat(parsed.getJsonObject("refreshed").getJsonObject("todos|{\"list\":3}"))
                .isEqualTo(json("{\"data\":[\"é\"],\"updatedAt\":42}"));
        assertThat(parsed.getInt("result")).isEqualTo(1);
        assertThat(json(CallBody.result("1", List.of(), Optional.of(Map.of()))).getJsonObject("refreshed")).isEmpty();
        assertThat(json(CallBody.result("1", List.of(), Optional.empty())).containsKey("refreshed")).isFalse();
    }
}
