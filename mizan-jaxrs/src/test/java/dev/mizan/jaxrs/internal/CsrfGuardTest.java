package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.key.HmacSha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsrfGuardTest {

    private static final HmacSha256 KEY = new HmacSha256("0123456789abcdef0123456789abcdef".getBytes());
    private final CsrfTokens tokens = new CsrfTokens(new SecureRandom());
    private final CsrfGuard guard = new CsrfGuard(tokens);

    @Test
    void passesWhenHeaderEqualsCookieAndTheSignatureHolds() {
        String token = tokens.issue(KEY, "S1");
        assertThat(guard.passes(new CsrfEvidence(token, token, null, true, "S1"), List.of(KEY))).isTrue();
    }

    @Test
    void failsWithoutTheHeader() {
        String token = tokens.issue(KEY, "S1");
        assertThat(guard.passes(new CsrfEvidence(null, token, null, true, "S1"), List.of(KEY))).isFalse();
    }

    @Test
    void failsWhenHeaderAndCookieDiffer() {
        String cookie = tokens.issue(KEY, "S1");
        String header = tokens.issue(KEY, "S1");
        assertThat(guard.passes(new CsrfEvidence(header, cookie, null, true, "S1"), List.of(KEY))).isFalse();
    }

    @Test
    void failsWhenHeaderEqualsCookieButNeitherIsSigned() {
        String forged = "AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(guard.passes(new CsrfEvidence(forged, forged, null, false, null), List.of(KEY))).isFalse();
    }

    @Test
    void failsWhenTheSessionChangedSinceTheTokenWasIssued() {
        String token = tokens.issue(KEY, "S1");
        assertThat(guard.passes(new CsrfEvidence(token, token, null, true, "S2"), List.of(KEY))).isFalse();
    }

    @Test
    void exemptsABearerTokenWithoutAnyCookie() {
        assertThat(guard.passes(new CsrfEvidence(null, null, "Bearer abc.def", false, null), List.of(KEY))).isTrue();
        assertThat(guard.passes(new CsrfEvidence(null, null, "bearer abc", false, null), List.of(KEY))).isTrue();
    }

    @Test
    void aBearerTokenBesideASessionCookieDoesNotExempt() {
        assertThat(guard.passes(new CsrfEvidence(null, null, "Bearer abc", true, "S1"), List.of(KEY))).isFalse();
    }

    @Test
    void aBearerTokenBesideTheCsrfCookieDoesNotExempt() {
        String token = tokens.issue(KEY, null);
        assertThat(guard.passes(new CsrfEvidence(null, token, "Bearer abc", false, null), List.of(KEY))).isFalse();
    }

    @Test
    void otherAuthorizationSchemesDoNotExempt() {
        assertThat(guard.passes(new CsrfEvidence(null, null, "Basic dXNlcjpwYXNz", false, null), List.of(KEY))).isFalse();
        assertThat(guard.passes(new CsrfEvidence(null, null, "Bearer   ", false, null), List.of(KEY))).isFalse();
        assertThat(guard.passes(new CsrfEvidence(null, null, null, false, null), List.of(KEY))).isFalse();
    }
}
