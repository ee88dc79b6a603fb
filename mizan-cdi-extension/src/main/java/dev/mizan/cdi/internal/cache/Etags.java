package dev.mizan.cdi.internal.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Strong ETags (RFC 9110 §8.8.3) computed from a response body. */
public final class Etags {

    private Etags() {
    }

    /**
     * @param body the exact bytes sent
     * @return {@code "<base64url(SHA-256(body)), unpadded>"}, quotes included
     */
    public static String strong(byte[] body) {
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256().digest(body)) + '"';
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must support SHA-256 (MessageDigest Javadoc)
            throw new IllegalStateException(e);
        }
    }
}
