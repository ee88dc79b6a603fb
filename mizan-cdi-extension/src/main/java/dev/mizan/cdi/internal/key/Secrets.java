package dev.mizan.cdi.internal.key;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-purpose subkeys derived from {@code mizan.secret} and {@code mizan.secret.previous}
 * (docs/internals/key-derivation.md): {@code subkey = HMAC-SHA256(key = secret, label)}. Each purpose has its own label, so
 * code that holds the cache subkey (edge workers) cannot forge CSRF tokens. Only the subkeys are kept,
 * never the secrets themselves, and {@link #toString()} shows none of them.
 */
public final class Secrets {

    static final String CACHE_LABEL = "mizan/cache-key/v1";
    static final String CSRF_LABEL = "mizan/csrf/v1";
    private static final int RANDOM_BYTES = 32;

    private final byte[] cacheSubkey;
    private final byte[] csrfSubkey;
    private final Optional<byte[]> previousCsrfSubkey;
    private final HmacSha256 csrfSigner;
    private final List<HmacSha256> csrfVerifiers;
    private final boolean random;

    private Secrets(byte[] secret, Optional<byte[]> previous, boolean random) {
        this.cacheSubkey = subkey(secret, CACHE_LABEL);
        this.csrfSubkey = subkey(secret, CSRF_LABEL);
        this.previousCsrfSubkey = previous.map(p -> subkey(p, CSRF_LABEL));
        this.csrfSigner = new HmacSha256(csrfSubkey);
        this.csrfVerifiers = previousCsrfSubkey.map(k -> List.of(csrfSigner, new HmacSha256(k))).orElse(List.of(csrfSigner));
        this.random = random;
    }

    /**
     * From configuration.
     *
     * @param secret   {@code mizan.secret}, used as its UTF-8 bytes; not empty
     * @param previous {@code mizan.secret.previous}, still accepted for CSRF during a rotation
     * @throws IllegalArgumentException if a secret is empty
     */
    public static Secrets of(String secret, Optional<String> previous) {
        return new Secrets(utf8(secret, "mizan.secret"),
                previous.map(p -> utf8(p, "mizan.secret.previous")), false);
    }

    /** A random per-boot secret for {@code mizan.dev=true}: valid on one node only, until it stops. */
    public static Secrets random() {
        byte[] secret = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(secret);
        return new Secrets(secret, Optional.empty(), true);
    }

    /** {@code HMAC-SHA256(secret, "mizan/cache-key/v1")}, 32 bytes (a copy). */
    public byte[] cacheSubkey() {
        return cacheSubkey.clone();
    }

    /** {@code HMAC-SHA256(secret, "mizan/csrf/v1")}, 32 bytes (a copy): signs new CSRF tokens. */
    public byte[] csrfSubkey() {
        return csrfSubkey.clone();
    }

    /** The CSRF subkeys a token may be signed with: the current one, then the previous secret's. */
    public List<byte[]> csrfVerifySubkeys() {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(csrfSubkey.clone());
        previousCsrfSubkey.ifPresent(k -> keys.add(k.clone()));
        return List.copyOf(keys);
    }

    /** @return the current CSRF subkey's MAC, keyed once: signs new CSRF tokens */
    public HmacSha256 csrfSigner() {
        return csrfSigner;
    }

    /** @return the MACs of {@link #csrfVerifySubkeys()}, in that order, keyed once */
    public List<HmacSha256> csrfVerifiers() {
        return csrfVerifiers;
    }

    /** Whether the secret was generated at boot ({@link #random()}), which the caller warns about. */
    public boolean isRandom() {
        return random;
    }

    /** Never shows key material. */
    @Override
    public String toString() {
        return "Secrets[" + (random ? "random" : "configured")
                + (previousCsrfSubkey.isPresent() ? ", with previous" : "") + "]";
    }

    private static byte[] utf8(String secret, String key) {
        Objects.requireNonNull(secret, key);
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(key + " is empty");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] subkey(byte[] secret, String label) {
        return new HmacSha256(secret).sign(label);
    }
}
