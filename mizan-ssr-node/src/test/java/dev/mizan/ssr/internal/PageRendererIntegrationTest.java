package dev.mizan.ssr.internal;

import static dev.mizan.ssr.internal.Fixtures.pool;
import static dev.mizan.ssr.internal.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mizan.Contexts;
import dev.mizan.Page;
import dev.mizan.Scope;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** {@link PageRenderer} on a real pool: what the client gets when a page cannot be rendered. */
class PageRendererIntegrationTest {

    /** With mizan.ssr.fail-open=false a page whose render fails is a 503, and the failure is counted all the same. */
    @Test
    void aFailedRenderWithoutFallbackIsCountedAsTheWorkersError() throws Exception {
        FixedContexts contexts = new FixedContexts(Map.of("todos", "[1,2]"), Map.of());
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, false));
             Jsonb jsonb = JsonbBuilder.create()) {
            PageRenderer pages = new PageRenderer(contexts, pool, jsonb, false);
            Throwable refused = catchThrowable(() -> pages.render(Page.of("throw"), "/"));
            assertThat(refused).isInstanceOf(dev.mizan.MizanException.class);
            assertThat(((dev.mizan.MizanException) refused).status()).isEqualTo(503);
            assertThat(pool.state().errors()).isEqualTo(1);
            assertThat(pool.state().fallbacks() + pool.state().renders() + pool.state().crashes()).isZero();
        }
    }

    @Test
    void propsJsonBCannotWriteAreA500InternalWhoseIdIsLoggedWithTheStack() throws Exception {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic); // JSON-B overflows the stack on it
        List<Object> unwritable = List.of(Map.of("ratio", Double.NaN), cyclic);
        FixedContexts contexts = new FixedContexts(Map.of("todos", "[1,2]"), Map.of());
        try (Fixtures.Logged log = new Fixtures.Logged();
             WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true));
             Jsonb jsonb = JsonbBuilder.create()) {
            PageRenderer pages = new PageRenderer(contexts, pool, jsonb, true);
            for (Object props : unwritable) {
                Page page = Page.of("echo").props(props).context("todos");
                PageFailure e = catchThrowableOfType(PageFailure.class, () -> pages.render(page, "/"));
                assertThat(e).as("the failure for props %s", props.getClass()).isNotNull();
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.code()).isEqualTo("internal");
                assertThat(e.id()).matches("[0-9a-f]{16}");
                assertThat(e.getMessage()).isEqualTo("Internal error; reference " + e.id());
                LogRecord logged = log.records().stream()
                        .filter(r -> r.getMessage().endsWith("reference " + e.id())).findFirst().orElseThrow();
                assertThat(logged.getMessage()).startsWith("MZSSR01015: the props of page 'echo' cannot be written as JSON (");
                assertThat(logged.getThrown()).as("the stack, in the log only").isNotNull();
            }
            assertThat(contexts.reads).as("contexts read for a page that cannot be sent").hasValue(0);
            assertThat(pool.state().renders() + pool.state().fallbacks()).isZero();
            HtmlDocument ok = pages.render(Page.of("echo").props(Map.of("n", "1", "pad", "")), "/");
            assertThat(ok.rendered()).isTrue();
        }
    }

    @Test
    void aPrefetchParamJsonBCannotWriteIsA500InternalWhoseIdIsLoggedWithTheStack() throws Exception {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        FixedContexts fixed = new FixedContexts(Map.of("todos", "[1,2]"), Map.of());
        try (Fixtures.Logged log = new Fixtures.Logged();
             WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true));
             Jsonb jsonb = JsonbBuilder.create()) {
            // the core's Contexts writes each param with JSON-B for the context's key (ParamCodec.viaJsonb)
            Contexts contexts = new Contexts() {
                @Override
                public String readJson(String context, Map<String, ?> params) {
                    return fixed.readJson(context, params);
                }

                @Override
                public String stableKey(String context, Map<String, ?> params) {
                    params.values().forEach(jsonb::toJson);
                    return fixed.stableKey(context, Map.of());
                }

                @Override
                public Scope scope(String context) {
                    return fixed.scope(context);
                }
            };
            PageRenderer pages = new PageRenderer(contexts, pool, jsonb, true);
            for (Object param : List.of(Double.NaN, cyclic)) {
                Page page = Page.of("echo").context("todos", Map.of("p", param));
                PageFailure e = catchThrowableOfType(PageFailure.class, () -> pages.render(page, "/"));
                assertThat(e).as("the failure for a param %s", param.getClass()).isNotNull();
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.code()).isEqualTo("internal");
                assertThat(e.getMessage()).isEqualTo("Internal error; reference " + e.id());
                LogRecord logged = log.records().stream()
                        .filter(r -> r.getMessage().endsWith("reference " + e.id())).findFirst().orElseThrow();
                assertThat(logged.getMessage()).startsWith("MZSSR01017: page 'echo' failed (");
                assertThat(logged.getThrown()).as("the stack, in the log only").isNotNull();
            }
            assertThat(pool.state().renders() + pool.state().fallbacks()).isZero();
        }
    }

    @Test
    void aRenderClosesItsClientSoTheWorkerHoldsNoDataAfterwards() throws Exception {
        FixedContexts contexts = new FixedContexts(Map.of("todos", "[{\"id\":1,\"title\":\"Milk\"}]"), Map.of());
        try (WorkerPool pool = pool(settings(1, Duration.ofSeconds(10), 10_000, true));
             Jsonb jsonb = JsonbBuilder.create()) {
            PageRenderer pages = new PageRenderer(contexts, pool, jsonb, true);
            for (String fw : List.of("react", "vue", "svelte")) {
                HtmlDocument doc = pages.render(Page.of(fw).props(Map.of("title", fw)).context("todos", Map.of("list", 3)), "/");
                assertThat(doc.rendered()).as("%s rendered", fw).isTrue();
                assertThat(new String(doc.html(), java.nio.charset.StandardCharsets.UTF_8)).as("%s read the seeded data", fw).contains("Milk");
            }
            // one worker: the three renders ran in the process asked here
            assertThat(Fixtures.html(pool.render(Fixtures.request("held", "{}"))))
                    .as("gcTime timers of Mizan clients left in the worker").isEqualTo("0");
        }
    }
}
