package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.key.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Signed double-submit tokens (docs/reference/protocol.md): {@code base64url(nonce) "." base64url(mac)} where
 * {@code nonce} is 16 random bytes and {@code mac = HMAC-SHA256(csrfKey, base64url(nonce) + "|" + sessionId)}
 * (UTF-8; {@code sessionId} is {@code ""} when there is no session). Binding the token to the
 * session means a token planted before a login is useless after it (the id is rotated).
 */
final class CsrfTokens {

    private static final int NONCE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecureRandom random;

    CsrfTokens(SecureRandom random) {
        this.random = random;
    }

    /**
     * @param key       the MAC under the current CSRF subkey
     * @param sessionId the HTTP session id, or {@code null}/empty when there is none
     * @return a fresh token
     */
    String issue(HmacSha256 key, String sessionId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String encodedNonce = ENCODER.encodeToString(nonce);
        return encodedNonce + "." + ENCODER.encodeToString(mac(key, encodedNonce, sessionId));
    }

    /**
     * @param token     a token as the client sent it
     * @param keys      the MACs under the accepted subkeys (current, then previous)
     * @param sessionId the current HTTP session id, or {@code null}/empty when there is none
     * @return whether one of the keys signed it for that session
     */
    boolean verify(String token, List<HmacSha256> keys, String sessionId) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return false;
        }
        String encodedNonce = token.substring(0, dot);
        byte[] nonce;
        byte[] given;
        try {
            nonce = DECODER.decode(encodedNonce);
            given = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // only the canonical encoding: the decoder ignores stray low bits of the last character
        if (nonce.length != NONCE_BYTES || !ENCODER.encodeToString(nonce).equals(encodedNonce)
                || !ENCODER.encodeToString(given).equals(token.substring(dot + 1))) {
            return false;
        }
        boolean ok = false;
        for (HmacSha256 key : keys) {
            // no early exit: every key is tried, so timing does not tell which one matched
            ok |= MessageDigest.isEqual(mac(key, encodedNonce, sessionId), given);
        }
        return ok;
    }

    /**
     * Compares the header and cookie copies of a token in constant time.
     *
     * @return whether both are present and equal
     */
    static boolean sameToken(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(HmacSha256 key, String encodedNonce, String sessionId) {
        return key.sign(encodedNonce + "|" + (sessionId == null ? "" : sessionId));
    }
}
