package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossSiteTest {

    private static final String SELF = CrossSite.self("https", "shop.example", 443);

    @Test
    void requestsWithoutOriginOrFetchMetadataPass() {
        assertThat(CrossSite.refused(null, null, SELF, "shop.example", List.of())).isFalse();
    }

    @Test
    void sameOriginPasses() {
        assertThat(CrossSite.refused("https://shop.example", "same-origin", SELF, null, List.of())).isFalse();
        assertThat(CrossSite.refused("https://SHOP.example:443", null, SELF, null, List.of())).isFalse();
    }

    @Test
    void anotherOriginIsRefused() {
        assertThat(CrossSite.refused("https://evil.example", null, SELF, "shop.example", List.of())).isTrue();
        assertThat(CrossSite.refused("http://shop.example", null, SELF, null, List.of())).isTrue();
        assertThat(CrossSite.refused("https://shop.example:8443", null, SELF, null, List.of())).isTrue();
        assertThat(CrossSite.refused("null", null, SELF, null, List.of())).isTrue();
    }

    @Test
    void theHostHeaderCountsWhenAProxyTerminatedTls() {
        String behindProxy = CrossSite.self("http", "10.0.0.5", 8080);
        assertThat(CrossSite.refused("https://shop.example", null, behindProxy, "shop.example", List.of())).isFalse();
        assertThat(CrossSite.refused("https://evil.example", null, behindProxy, "shop.example", List.of())).isTrue();
        // a plain-HTTP deployment: the page's origin is http, as the request's
        assertThat(CrossSite.refused("http://shop.example", null, behindProxy, "shop.example", List.of())).isFalse();
    }

    @Test
    void theHostHeaderNeverLetsAPlainHttpPageCallAnHttpsServer() {
        // a proxy may end TLS before the server (https page, http request), never the reverse: a page
        // served over plain HTTP, which anyone on the path can write, is not the HTTPS site's own
        assertThat(CrossSite.refused("http://shop.example", null, SELF, "shop.example", List.of())).isTrue();
        assertThat(CrossSite.refused("http://shop.example", "same-site", SELF, "shop.example", List.of())).isTrue();
        assertThat(CrossSite.refused("https://shop.example", null, SELF, "shop.example", List.of())).isFalse();
    }

    @Test
    void hostNamesWithAnUnderscoreAreOrigins() {
        // java.net.URI gives such an authority no host; a Compose service name is one
        assertThat(CrossSite.refused("http://my_app:8080", null, "http://my_app:8080", "my_app:8080", List.of())).isFalse();
        assertThat(CrossSite.refused("http://My_App:8080", null, "http://10.0.0.5:8080", "my_app:8080", List.of())).isFalse();
        assertThat(CrossSite.refused("http://evil_app:8080", null, "http://my_app:8080", "my_app:8080", List.of())).isTrue();
        assertThat(CrossSite.refused("http://my_app:9090", null, "http://my_app:8080", "my_app:8080", List.of())).isTrue();
        // the listed origins come normalized from the deployment (ConfigAtDeploymentTest)
        assertThat(CrossSite.refused("http://APP_UI:80", "cross-site", SELF, null, List.of("http://app_ui"))).isFalse();
        assertThat(CrossSite.refused("http://user@my_app:8080", null, "http://my_app:8080", "my_app:8080", List.of())).isTrue();
    }

    @Test
    void secFetchSiteCrossSiteIsRefusedEvenWithoutOrigin() {
        assertThat(CrossSite.refused(null, "cross-site", SELF, null, List.of())).isTrue();
        assertThat(CrossSite.refused(null, "same-site", SELF, null, List.of())).isFalse();
    }

    @Test
    void listedOriginsPass() {
        List<String> allowed = List.of("https://app.example");
        assertThat(CrossSite.refused("https://app.example", "cross-site", SELF, null, allowed)).isFalse();
        assertThat(CrossSite.refused("https://other.example", "cross-site", SELF, null, allowed)).isTrue();
    }
}
