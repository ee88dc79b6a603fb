package dev.mizan.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/how-to/operations.md: the filter takes Mizan's generic paths out of /openapi, and nothing of the application's. */
class OpenApiFilterTest {

    @Test
    void onlyMizansGenericPathsGo() {
        Set<String> paths = Set.of("/mizan/ctx/{name}", "/mizan/call/{name}/", "/mizan/{document}", "/mizan/events",
                "/mizan/session", "/api/files/{document}", "/api/call/{name}", "/orders/{id}");
        assertThat(OpenApiFilter.generic(paths)).containsExactlyInAnyOrder("/mizan/ctx/{name}", "/mizan/call/{name}/",
                "/mizan/{document}");
    }

    @Test
    void aDocumentWithoutMizansPathsLosesNothing() {
        assertThat(OpenApiFilter.generic(Set.of("/api/files/{document}", "/api/call/{name}"))).isEmpty();
    }
}
