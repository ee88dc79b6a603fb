package dev.mizan.cdi.internal.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The keys of docs/internals/key-derivation.md, from a canonical params string ({@link ParamCanonicalizer}). Thread-safe.
 * <pre>
 * key       = lowercase hex HMAC-SHA256(cache subkey, "mizan/v1\n" + name + "\n" + scope + "\n" + canonical)
 * stableKey = name + "|" + canonical
 * </pre>
 */
public final class CacheKeys {

    private static final HexFormat HEX = HexFormat.of();
    private static final int TOKEN_HEX_CHARS = 32;

    private final HmacSha256 hmac;

    /** @param cacheSubkey {@link Secrets#cacheSubkey()} */
    public CacheKeys(byte[] cacheSubkey) {
        this.hmac = new HmacSha256(cacheSubkey.clone());
    }

    /** {@code "public"} for anyone, {@code "user:" + name} for one principal. */
    public static String scope(Optional<String> user) {
        return user.map(name -> "user:" + name).orElse("public");
    }

    /** The cache key: 64 lowercase hex characters. */
    public String key(String name, String scope, String canonical) {
        return HEX.formatHex(hmac.sign("mizan/v1\n" + name + "\n" + scope + "\n" + canonical));
    }

    /** The key the client dedups on and SSR seeds under; it carries no user. */
    public static String stableKey(String name, String canonical) {
        return name + "|" + canonical;
    }

    /**
     * 32 hex characters standing for a user in counter names, so raw principal names never appear
     * in Redis keys (they may hold characters Redis or its tooling treat specially, and personal data).
     */
    public String userToken(String user) {
        return HEX.formatHex(hmac.sign("mizan/user/v1\n" + user)).substring(0, TOKEN_HEX_CHARS);
    }

    /** First 32 hex characters of SHA-256 of a canonical string, for param-group counter names. */
    public static String digest(String canonical) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(hash).substring(0, TOKEN_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
