package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfCookieTest {

    @Test
    void overHttpsTheCookieIsSecureAndPrefixed() {
        assertThat(CsrfCookie.set("abc.def", true, "/shop"))
                .isEqualTo("__Secure-mizan-csrf=abc.def; Path=/shop; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void overPlainHttpTheCookieHasNoPrefixAndNoSecure() {
        assertThat(CsrfCookie.set("abc.def", false, "/shop"))
                .isEqualTo("mizan-csrf=abc.def; Path=/shop; HttpOnly; SameSite=Strict");
    }

    @Test
    void theRootContextGetsPathSlash() {
        assertThat(CsrfCookie.set("t", false, "")).contains("; Path=/;");
        assertThat(CsrfCookie.set("t", false, null)).contains("; Path=/;");
    }

    @Test
    void clearingExpiresTheSameCookie() {
        assertThat(CsrfCookie.clear(true, "/shop")).isEqualTo("__Secure-mizan-csrf=; Max-Age=0; "
                + "Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/shop; HttpOnly; SameSite=Strict; Secure");
    }
}
