package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.key.HmacSha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    private static final HmacSha256 KEY = new HmacSha256(range(32));
    private static final HmacSha256 OTHER_KEY = new HmacSha256("another-32-byte-key-for-testing!".getBytes(StandardCharsets.US_ASCII));

    /** A "random" source that always yields 0, 1, 2, ...: makes the token reproducible. */
    private static final class CountingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(range(bytes.length), 0, bytes, 0, bytes.length);
        }
    }

    private final CsrfTokens tokens = new CsrfTokens(new SecureRandom());

    @Test
    void issuesTheTokenAnIndependentHmacImplementationComputes() {
        // expected values computed with Python's hmac/hashlib/base64 (see the report), not with this code
        CsrfTokens fixed = new CsrfTokens(new CountingRandom());
        assertThat(fixed.issue(KEY, "SESSION-1"))
                .isEqualTo("AAECAwQFBgcICQoLDA0ODw.2wXB_Bn6PZuHrp0bQFme0_2pig0aY8YmSN9PEPab980");
        assertThat(fixed.issue(KEY, null))
                .isEqualTo("AAECAwQFBgcICQoLDA0ODw.C2bYIvd8OcGYGgrN4tbPA1Oy3A1jT2xgAmUzdNE_42A");
    }

    @Test
    void verifiesItsOwnTokenForTheSameSession() {
        String token = tokens.issue(KEY, "S1");
        assertThat(tokens.verify(token, List.of(KEY), "S1")).isTrue();
    }

    @Test
    void noSessionBindsToTheEmptyString() {
        String token = tokens.issue(KEY, null);
        assertThat(tokens.verify(token, List.of(KEY), "")).isTrue();
        assertThat(tokens.verify(token, List.of(KEY), "S1")).isFalse();
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String token = tokens.issue(OTHER_KEY, "S1");
        assertThat(tokens.verify(token, List.of(KEY), "S1")).isFalse();
    }

    @Test
    void refusesATokenOfAnotherSession() {
        String token = tokens.issue(KEY, "S1");
        assertThat(tokens.verify(token, List.of(KEY), "S2")).isFalse();
    }

    @Test
    void acceptsATokenSignedWithThePreviousKeyDuringARotation() {
        String token = tokens.issue(OTHER_KEY, "S1");
        assertThat(tokens.verify(token, List.of(KEY, OTHER_KEY), "S1")).isTrue();
    }

    @Test
    void refusesTamperedTokens() {
        String token = tokens.issue(KEY, "S1");
        int dot = token.indexOf('.');
        String otherNonce = tokens.issue(KEY, "S1").substring(0, dot);
        char last = token.charAt(token.length() - 1);
        String flippedMac = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(tokens.verify(otherNonce + token.substring(dot), List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify(flippedMac, List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify(token.substring(0, dot), List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify(token + ".x", List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify("!!!." + token.substring(dot + 1), List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify("", List.of(KEY), "S1")).isFalse();
        assertThat(tokens.verify(null, List.of(KEY), "S1")).isFalse();
    }

    @Test
    void sameTokenComparesExactly() {
        assertThat(CsrfTokens.sameToken("abc.def", "abc.def")).isTrue();
        assertThat(CsrfTokens.sameToken("abc.def", "abc.deg")).isFalse();
        assertThat(CsrfTokens.sameToken("abc.def", "abc.de")).isFalse();
        assertThat(CsrfTokens.sameToken(null, "abc")).isFalse();
        assertThat(CsrfTokens.sameToken("abc", null)).isFalse();
    }

    @Test
    void comparesWithMessageDigestIsEqualWhichIsConstantTime() throws IOException {
        // the comparison's timing cannot be measured reliably in a unit test; the bytecode shows which one runs
        assertThat(constantPool(CsrfTokens.class)).contains("java/security/MessageDigest", "isEqual");
        assertThat(constantPool(CsrfGuard.class)).contains("sameToken");
    }

    private static String constantPool(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] range(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
