package dev.mizan.tck.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.Reply;

/** Shapes where the application has its own JAX-RS API under {@code api}: Mizan must not touch its responses. */
abstract class OwnApiContract extends ApplicationShapeContract {

    @Override
    String foreignRoot() {
        return "api";
    }

    @Assertion(id = "shape-own-api", strategy = "The app's own resource answers as written, with no Mizan headers")
    void ownResourceUntouched() {
        Reply r = HttpTck.of(base).get("api/ping");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("pong");
        assertThat(r.header("Mizan-Protocol")).isEmpty();
        assertThat(r.header("Mizan-Schema")).isEmpty();
    }

    @Assertion(id = "shape-own-errors", strategy = "The app's own 404 and 500 are not rewritten into Mizan JSON errors")
    void ownErrorsUntouched() {
        HttpTck http = HttpTck.of(base);
        Reply notFound = http.get("api/ping/missing");
        Reply failure = http.get("api/ping/boom");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(failure.status()).isEqualTo(500);
        for (Reply r : new Reply[] {notFound, failure}) {
            assertThat(r.header("Mizan-Protocol")).as("%s", r).isEmpty();
            assertThat(r.body()).as("%s", r).doesNotContain("\"error\"");
        }
    }
}
