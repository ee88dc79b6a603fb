package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.engine.InvalidationEntry;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small helpers: content type, ETag matching, the error and call bodies. */
class SmallPartsTest {

    @Test
    void onlyJsonIsAcceptedForCalls() {
        assertThat(JsonContentType.accepts("application/json")).isTrue();
        assertThat(JsonContentType.accepts("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(JsonContentType.accepts("application/json;charset=\"utf-8\"")).isTrue();
        assertThat(JsonContentType.accepts(null)).isFalse();
        assertThat(JsonContentType.accepts("text/plain")).isFalse();
        assertThat(JsonContentType.accepts("application/x-www-form-urlencoded")).isFalse();
        assertThat(JsonContentType.accepts("multipart/form-data; boundary=x")).isFalse();
        assertThat(JsonContentType.accepts("application/json; charset=iso-8859-1")).isFalse();
        assertThat(JsonContentType.accepts("application/jsonx")).isFalse();
        // what a runtime could not parse: it would answer its own HTML 400 (docs/reference/security.md)
        assertThat(JsonContentType.accepts("application/json; charset=\"utf-8")).isFalse();
        assertThat(JsonContentType.accepts("application/json; =utf-8")).isFalse();
        assertThat(JsonContentType.accepts("application/json; charset=utf-8, text/plain")).isFalse();
    }

    @Test
    void ifNoneMatchUsesWeakComparison() {
        assertThat(EtagMatch.matches("\"abc\"", "\"abc\"")).isTrue();
        assertThat(EtagMatch.matches("W/\"abc\"", "\"abc\"")).isTrue();
        assertThat(EtagMatch.matches("\"x\", \"abc\"", "\"abc\"")).isTrue();
        assertThat(EtagMatch.matches("*", "\"abc\"")).isTrue();
        assertThat(EtagMatch.matches("\"abd\"", "\"abc\"")).isFalse();
        assertThat(EtagMatch.matches(null, "\"abc\"")).isFalse();
    }

    @Test
    void errorEnvelope() {
        assertThat(ErrorBody.of("csrf", "no \"token\"", Map.of(), null))
                .isEqualTo("{\"error\":{\"code\":\"csrf\",\"message\":\"no \\\"token\\\"\"}}");
        assertThat(ErrorBody.of("invalid_params", "bad", Map.of("title", List.of("must not be blank")), null))
                .isEqualTo("{\"error\":{\"code\":\"invalid_params\",\"message\":\"bad\","
                        + "\"fields\":{\"title\":[\"must not be blank\"]}}}");
        assertThat(ErrorBody.of("internal", "oops", Map.of(), "id-1"))
                .isEqualTo("{\"error\":{\"code\":\"internal\",\"message\":\"oops\",\"id\":\"id-1\"}}");
    }

    @Test
    void callBodies() {
        List<InvalidationEntry> none = List.of();
        List<InvalidationEntry> one = List.of(new InvalidationEntry("catalog", JsonObject.EMPTY_JSON_OBJECT));
        assertThat(CallBody.result("{\"id\":1}", one))
                .isEqualTo("{\"result\":{\"id\":1},\"invalidate\":[{\"context\":\"catalog\"}]}");
        assertThat(CallBody.result(null, none)).isEqualTo("{\"result\":null,\"invalidate\":[]}");
        assertThat(CallBody.redirect("/done?a=\"b\"", none))
                .isEqualTo("{\"redirect\":\"/done?a=\\\"b\\\"\",\"invalidate\":[]}");
    }

    @Test
    void statusCodesMapToProtocolCodes() {
        assertThat(WebApplicationExceptionMapper.code(404)).isEqualTo("not_found");
        assertThat(WebApplicationExceptionMapper.code(409)).isEqualTo("http_409");
        assertThat(WebApplicationExceptionMapper.code(502)).isEqualTo("internal");
    }
}
