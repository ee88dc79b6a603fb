package dev.mizan.cdi.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected values computed with OpenSSL and sha256sum (commands in the comments), not with the code under test. */
class CacheKeysTest {

    // printf '%s' mizan/cache-key/v1 | openssl dgst -sha256 -hmac 'test-secret-A: not for production'
    private static final byte[] SUBKEY = HexFormat.of().parseHex(
            "1d0edc04561925d19f6ca651288961a96e94a13fdb7c746454cb1c47aacb3191");
    // printf 'mizan/v1\ncatalog\npublic\n{}' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<SUBKEY>
    private static final String CATALOG_PUBLIC = "c6a86d5a534b95dc6150961add321d90ebbedd01396ca5d8532b88ae8d76f54c";

    private final CacheKeys keys = new CacheKeys(SUBKEY);

    @Test
    void scopeIsPublicOrTheUser() {
        assertThat(CacheKeys.scope(Optional.empty())).isEqualTo("public");
        assertThat(CacheKeys.scope(Optional.of("Zo\u00eb"))).isEqualTo("user:Zo\u00eb");
    }

    @Test
    void keyIsTheHexHmacOfTheMaterial() {
        assertThat(keys.key("catalog", "public", "{}")).isEqualTo(CATALOG_PUBLIC);
        assertThat(keys.key("catalog", "user:x", "{}")).hasSize(64).isNotEqualTo(CATALOG_PUBLIC);
    }

    @Test
    void keyComesFromTheSecretsCacheSubkey() {
        CacheKeys fromSecret = new CacheKeys(Secrets.of("test-secret-A: not for production", Optional.empty()).cacheSubkey());

        assertThat(fromSecret.key("catalog", "public", "{}")).isEqualTo(CATALOG_PUBLIC);
    }

    @Test
    void stableKeyJoinsNameAndCanonical() {
        assertThat(CacheKeys.stableKey("todos", "{\"list\":3}")).isEqualTo("todos|{\"list\":3}");
    }

    @Test
    void userTokenHidesTheNameBehindTheSubkey() {
        // printf 'mizan/user/v1\nZoë 山田' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<SUBKEY> | cut -c1-32
        assertThat(keys.userToken("Zo\u00eb \u5c71\u7530")).isEqualTo("7b4766146392b1796681cdab36a0dcaa");
    }

    @Test
    void digestIsTheStartOfSha256() {
        // printf '{"list":3}' | sha256sum | cut -c1-32
        assertThat(CacheKeys.digest("{\"list\":3}")).isEqualTo("245886c3b26c3bc43b6907d34995f1b8");
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = pool.invokeAll(IntStream.range(0, 200)
                    .<java.util.concurrent.Callable<String>>mapToObj(i -> () -> keys.key("catalog", "public", "{}"))
                    .toList());
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(CATALOG_PUBLIC);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
