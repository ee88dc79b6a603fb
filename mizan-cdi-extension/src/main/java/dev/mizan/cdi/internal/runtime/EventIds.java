package dev.mizan.cdi.internal.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Event ids and stableKey digests for {@code GET /events} (docs/reference/protocol.md). */
final class EventIds {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    /** @return a new id: 64 random bits in 16 hex characters, unique across nodes without coordination */
    static String next() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** @return lowercase hex SHA-256 of the UTF-8 bytes of {@code text} */
    static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
