package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientInputGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"/hello/mizan/ctx/greeting", "/a/caf%C3%A9", "/a/%F0%9F%98%80", "/a%20b", "/plain%2Fslash"})
    void acceptsUtf8PercentEncoding(String uri) {
        assertThat(ClientInputGuard.utf8PercentEncoding(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mizan/ctx/gr%FFeeting", "/a/%C3", "/a/%", "/a/%4", "/a/%zz", "/a/%ED%A0%80", "/a/%C0%AF"})
    void refusesMalformedPercentEncoding(String uri) {
        assertThat(ClientInputGuard.utf8PercentEncoding(uri)).isFalse();
    }
}
