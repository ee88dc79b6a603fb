package dev.mizan.cdi.internal.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, keyed once; thread-safe (each call works on its own {@link Mac}, a clone of
 * the keyed one, so no call looks up the provider or sets up the key again).
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Mac prototype;

    /** @param key the key's bytes (copied by the JDK's key spec) */
    public HmacSha256(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.prototype = newMac(this.key);
    }

    /** @return the MAC of the message's UTF-8 bytes */
    public byte[] sign(String message) {
        return sign(message.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the MAC of the message */
    public byte[] sign(byte[] message) {
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
