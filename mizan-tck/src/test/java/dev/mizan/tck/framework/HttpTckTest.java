package dev.mizan.tck.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The client's URL building, against ECMAScript's encodeURIComponent as the expected behaviour. */
class HttpTckTest {

    @Test
    void encodesLikeEncodeUriComponent() {
        // Expected values computed with Node: encodeURIComponent("a b&c=d/é+€😀?#%!~*'()")
        assertThat(HttpTck.encodeUriComponent("a b&c=d/é+€😀?#%!~*'()"))
                .isEqualTo("a%20b%26c%3Dd%2F%C3%A9%2B%E2%82%AC%F0%9F%98%80%3F%23%25!~*'()");
    }

    @Test
    void sortsParamsByName() {
        assertThat(HttpTck.query(Map.of("b", "2", "a", "[1]", "_mz", "x")))
                .isEqualTo("?_mz=x&a=%5B1%5D&b=2");
    }

    @Test
    void rewritesHostToLoopback() throws Exception {
        URI u = HttpTck.loopback(URI.create("http://192.0.2.2:8181/shop").toURL());
        assertThat(u).hasToString("http://127.0.0.1:8181/shop/");
    }
}
