package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Media types and Accept lists against RFC 9110's grammar (its own examples, sections 8.3.1 and 12.5.1). */
class MediaTypeSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"text/html;charset=utf-8", "text/html;charset=UTF-8", "Text/HTML;Charset=\"utf-8\"",
        "text/html; charset=\"utf-8\"", "application/json", "application/json;", "application/json ; charset=utf-8",
        "application/json; charset=\"a\\\"b\"", "application/vnd.api+json; ext=\"x y\""})
    void wellFormedMediaTypes(String type) {
        assertThat(MediaTypeSyntax.mediaType(type)).as(type).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";", "application/", "/json", "a/b/c", "application/json; charset=\"utf-8",
        "application/json; =utf-8", "application/json; a b=c", "application/json; charset=utf-8, text/plain",
        "application/json; charset", "application/json;; charset=utf-8", "application/json (x)", "application/jsön",
        "application/json; charset=\"a\\\u0001\""})
    void malformedMediaTypes(String type) {
        assertThat(MediaTypeSyntax.mediaType(type)).as(type).isEmpty();
    }

    @Test
    void parametersAreUnquotedWithLowerCaseNames() {
        MediaTypeSyntax.Parsed parsed = MediaTypeSyntax.mediaType("Text/HTML; Charset=\"UTF-8\"; level=1").orElseThrow();
        assertThat(parsed.type()).isEqualTo("text");
        assertThat(parsed.subtype()).isEqualTo("html");
        assertThat(parsed.params()).extracting(e -> e.getKey() + "=" + e.getValue()).containsExactly("charset=UTF-8", "level=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio/*; q=0.2, audio/basic", "text/plain; q=0.5, text/html, text/x-dvi; q=0.8, text/x-c",
        "text/*, text/plain, text/plain;format=flowed, */*", "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed,"
        + " text/plain;format=fixed;q=0.4, */*;q=0.5", "", "*/*", "application/json, , text/plain", "*/*;q=1.000",
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"})
    void wellFormedAcceptLists(String accept) {
        assertThat(MediaTypeSyntax.acceptList(accept)).as(accept).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json;q=x", ";", "a/b/c", "application/json; =x", "text/html;;", "*/*; q=\"1",
        "*/*;q=1.5", "*/*;q=0.1234", "*/*;q=-1", "text", "text/html text/plain"})
    void malformedAcceptLists(String accept) {
        assertThat(MediaTypeSyntax.acceptList(accept)).as(accept).isFalse();
    }
}
