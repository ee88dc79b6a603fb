package dev.mizan.cdi.internal.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 under one key; thread-safe (each call works on its own {@link Mac}). */
final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Mac prototype;

    HmacSha256(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.prototype = newMac(this.key);
    }

    byte[] sign(String message) {
        return sign(message.getBytes(StandardCharsets.UTF_8));
    }

    byte[] sign(byte[] message) {
        return mac().doFinal(message);
    }

    private Mac mac() {
        try {
            // A clone of a keyed Mac skips the key setup; the JDK's provider supports it.
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
