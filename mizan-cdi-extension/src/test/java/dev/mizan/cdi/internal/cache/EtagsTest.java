package dev.mizan.cdi.internal.cache;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EtagsTest {

    // expected values from `printf abc | openssl dgst -sha256 -binary | basenc --base64url`, padding removed
    @Test
    void isTheQuotedUnpaddedBase64urlSha256() {
        assertThat(Etags.strong("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("\"ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0\"");
        assertThat(Etags.strong(new byte[0]))
                .isEqualTo("\"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU\"");
    }
}
