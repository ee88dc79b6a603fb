package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Expected subkeys were computed with OpenSSL, not with the code under test:
 * {@code printf '%s' 'mizan/cache-key/v1' | openssl dgst -sha256 -hmac '<secret>'}.
 */
class SecretsTest {

    private static final String SECRET = "test-secret-A: not for production";
    // printf '%s' mizan/cache-key/v1 | openssl dgst -sha256 -hmac 'test-secret-A: not for production'
    private static final String CACHE_A = "1d0edc04561925d19f6ca651288961a96e94a13fdb7c746454cb1c47aacb3191";
    // printf '%s' mizan/csrf/v1 | openssl dgst -sha256 -hmac 'test-secret-A: not for production'
    private static final String CSRF_A = "8497bdd3ac46d852ec3c8eea061753622433148909c50a627dc93dbb3bf87bd0";
    // printf '%s' mizan/csrf/v1 | openssl dgst -sha256 -hmac 'previous-secret'
    private static final String CSRF_PREVIOUS = "8003fba0d3380be82eb0f95bb80a1342450a345b0cf5d5908f674f12182a996d";
    // printf '%s' mizan/cache-key/v1 | openssl dgst -sha256 -hmac 'sécrèt-🔑-B'   (UTF-8 shell)
    private static final String CACHE_B = "3db663511a0731e25a514404ebb78125f13bad3cf5ebb04dd1bff55b2c22cf64";
    // printf '%s' mizan/csrf/v1 | openssl dgst -sha256 -hmac 'sécrèt-🔑-B'
    private static final String CSRF_B = "283967e0e24433934c93209ca5c5ba29affec940dea69b550214ac75977aacb8";

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void derivesEachPurposeSubkeyFromTheSecret() {
        Secrets secrets = Secrets.of(SECRET, Optional.empty());

        assertThat(HEX.formatHex(secrets.cacheSubkey())).isEqualTo(CACHE_A);
        assertThat(HEX.formatHex(secrets.csrfSubkey())).isEqualTo(CSRF_A);
        assertThat(secrets.csrfVerifySubkeys()).extracting(HEX::formatHex).containsExactly(CSRF_A);
        assertThat(secrets.isRandom()).isFalse();
    }

    @Test
    void readsANonAsciiSecretAsUtf8() {
        Secrets secrets = Secrets.of("s\u00e9cr\u00e8t-\uD83D\uDD11-B", Optional.empty());

        assertThat(HEX.formatHex(secrets.cacheSubkey())).isEqualTo(CACHE_B);
        assertThat(HEX.formatHex(secrets.csrfSubkey())).isEqualTo(CSRF_B);
    }

    @Test
    void verifiesCsrfWithTheCurrentThenThePreviousSecret() {
        Secrets secrets = Secrets.of(SECRET, Optional.of("previous-secret"));

        assertThat(secrets.csrfVerifySubkeys()).extracting(HEX::formatHex).containsExactly(CSRF_A, CSRF_PREVIOUS);
        assertThat(HEX.formatHex(secrets.csrfSubkey())).isEqualTo(CSRF_A);
        assertThat(HEX.formatHex(secrets.cacheSubkey())).isEqualTo(CACHE_A);
    }

    @Test
    void handsOutCopiesSoCallersCannotChangeTheKeys() {
        Secrets secrets = Secrets.of(SECRET, Optional.empty());
        secrets.cacheSubkey()[0] ^= 1;
        secrets.csrfVerifySubkeys().get(0)[0] ^= 1;

        assertThat(HEX.formatHex(secrets.cacheSubkey())).isEqualTo(CACHE_A);
        assertThat(secrets.csrfVerifySubkeys()).extracting(HEX::formatHex).containsExactly(CSRF_A);
    }

    @Test
    void randomSecretsDifferPerBootAndStillSeparatePurposes() {
        Secrets one = Secrets.random();
        Secrets two = Secrets.random();

        assertThat(one.isRandom()).isTrue();
        assertThat(one.cacheSubkey()).hasSize(32).isNotEqualTo(two.cacheSubkey()).isNotEqualTo(one.csrfSubkey());
        assertThat(one.csrfVerifySubkeys()).hasSize(1);
    }

    @Test
    void neverShowsKeyMaterial() {
        Secrets secrets = Secrets.of(SECRET, Optional.of("previous-secret"));

        assertThat(secrets.toString())
                .doesNotContain(SECRET, "previous-secret", CACHE_A, CSRF_A, CSRF_PREVIOUS)
                .isEqualTo("Secrets[configured, with previous]");
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> Secrets.of("", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mizan.secret is empty");
        assertThatThrownBy(() -> Secrets.of(SECRET, Optional.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mizan.secret.previous is empty");
    }
}
