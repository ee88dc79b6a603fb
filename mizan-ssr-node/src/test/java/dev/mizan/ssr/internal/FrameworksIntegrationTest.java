package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import dev.mizan.Page;
import dev.mizan.Scope;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * React 19, Vue 3 and Svelte 5 pages, built with esbuild in the set-up, rendered through the pool with
 * props and prefetched data, then hydrated in Chromium: no fetch for the seeded context, no hydration
 * warning, and the page answers clicks afterwards.
 */
class FrameworksIntegrationTest {

    private static final List<String> FRAMEWORKS = List.of("react", "vue", "svelte");
    private static final String TODOS = "[{\"id\":1,\"title\":\"Milk\"},{\"id\":2,\"title\":\"Eggs\"}]";
    private static WorkerPool pool;
    private static PageServer server;
    private static Jsonb jsonb;
    private static PageRenderer renderer;
    private static FixedContexts contexts;

    @BeforeAll
    static void start() throws Exception {
        pool = Fixtures.pool(Fixtures.settings(2, Duration.ofSeconds(10), 10_000, true));
        jsonb = JsonbBuilder.create();
        contexts = new FixedContexts(Map.of("todos", TODOS), Map.of("todos", Scope.USER));
        renderer = new PageRenderer(contexts, pool, jsonb, true);
        server = new PageServer(24101, Fixtures.bundles());
        for (String fw : FRAMEWORKS) {
            server.page("/" + fw, () -> renderer.render(page(fw, fw, "Hydrate me"), "/" + fw));
            // the control: the browser is handed other props than the server rendered with
            server.page("/mismatch/" + fw, () -> {
                HtmlDocument d = renderer.render(page(fw, fw, "Server title"), "/mismatch/" + fw);
                return new HtmlDocument(d.title(), d.head(), d.html(), true, d.dataJson().replace("Server title", "Client title"),
                        d.scripts(), d.userData());
            });
        }
        server.page("/fallback", () -> renderer.render(page("no-such-entry", "react", "Fallback"), "/fallback"));
    }

    private static Page page(String entry, String client, String title) {
        return Page.of(entry).title("SSR " + entry).props(Map.of("title", title)).context("todos", Map.of("list", 3))
                .script("/static/client-" + client + ".js");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (jsonb != null) {
            jsonb.close();
        }
    }

    @Test
    void eachFrameworkRendersPropsAndPrefetchedDataOnTheServer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String fw : FRAMEWORKS) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url("/" + fw))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control")).as("a page with USER data").hasValue("private, no-store");
            String html = r.body();
            assertThat(html).as(fw)
                    .contains("<title>SSR " + fw + "</title>")
                    .contains("<meta name=\"fw\" content=\"" + fw + "\">")
                    .contains("<div id=\"app\" data-mizan-ssr=\"rendered\">")
                    .contains("<h1>Hydrate me</h1>")
                    .contains("<li>Milk</li>", "<li>Eggs</li>")
                    .containsSubsequence("<li>Milk</li>", "<li>Eggs</li>", "clicked ")
                    .contains("<script type=\"application/json\" id=\"__MIZAN_SSR_DATA__\">{\"contexts\":{\"todos|{\\\"list\\\":3}\":{\"data\":"
                            + TODOS + ",\"updatedAt\":")
                    .contains(",\"entry\":\"" + fw + "\",\"props\":{\"title\":\"Hydrate me\"}}</script>")
                    .contains("<script type=\"module\" src=\"/static/client-" + fw + ".js\"></script>");
        }
    }

    @Test
    void eachFrameworkHydratesInChromiumWithoutFetchingTheSeededContextAndWithoutAMismatch() {
        server.mizanRequests.clear();
        List<JsonObject> results = BrowserCheck.open(FRAMEWORKS.stream().map(fw -> server.url("/" + fw)).toArray(String[]::new));
        for (JsonObject r : results) {
            assertThat(r.getBoolean("hydrated")).as(r.getString("url")).isTrue();
            assertThat(BrowserCheck.console(r)).as("console of " + r.getString("url"))
                    .noneMatch(m -> m.startsWith("error") || m.startsWith("warning") || m.startsWith("pageerror"));
            assertThat(r.getString("textBefore")).contains("Hydrate me", "Milk", "Eggs", "clicked 0");
            assertThat(r.getString("textAfter")).as("the hydrated page answers a click").contains("clicked 1");
        }
        assertThat(server.mizanRequests).as("fetches of seeded contexts").isEmpty();
    }

    @Test
    void aHydrationMismatchIsReportedSoTheCheckAboveCanFail() {
        // Svelte 5 repairs differing text silently (it reports only structural mismatches), so the
        // control runs on React and Vue, whose development builds report differing text.
        List<JsonObject> results = BrowserCheck.open(server.url("/mismatch/react"), server.url("/mismatch/vue"));
        for (JsonObject r : results) {
            assertThat(BrowserCheck.console(r)).as("console of " + r.getString("url"))
                    .anyMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("hydrat"));
        }
    }

    @Test
    void aFailedRenderFallsBackToTheClientRenderedShellWithTheSameData() {
        long before = pool.state().fallbacks();
        server.mizanRequests.clear();
        JsonObject r = BrowserCheck.open(server.url("/fallback")).get(0);
        assertThat(pool.state().fallbacks()).isEqualTo(before + 1);
        assertThat(r.getInt("status")).isEqualTo(200);
        assertThat(r.getString("textAfter")).contains("Fallback", "Milk", "Eggs", "clicked 1");
        assertThat(r.getJsonObject("data").getJsonObject("contexts")).containsKey("todos|{\"list\":3}");
        assertThat(server.mizanRequests).isEmpty();
    }

    @Test
    void withFailOpenOffAFailedRenderIs503() {
        PageRenderer strict = new PageRenderer(contexts, pool, jsonb, false);
        assertThatThrownBy(() -> strict.render(page("no-such-entry", "react", "x"), "/"))
                .isInstanceOf(MizanException.class)
                .satisfies(e -> assertThat(((MizanException) e).status()).isEqualTo(503))
                .satisfies(e -> assertThat(((MizanException) e).code()).isEqualTo("unavailable"));
    }

    @Test
    void aRefusedPrefetchIsNotRendered() {
        int reads = contexts.reads.get();
        assertThatThrownBy(() -> renderer.render(Page.of("react").context("missing"), "/"))
                .isInstanceOf(MizanException.class)
                .satisfies(e -> assertThat(((MizanException) e).code()).isEqualTo("unknown_context"));
        assertThat(contexts.reads.get()).isEqualTo(reads + 1);
    }

    @Test
    void bunRendersTheSamePagesAsNode() throws Exception {
        assertThat(Fixtures.BUN).as("Bun from npm @oven/bun-linux-x64").isExecutable();
        SsrSettings node = Fixtures.settings(1, Duration.ofSeconds(10), 10_000, true);
        try (WorkerPool bunPool = Fixtures.pool(Fixtures.onBun(node))) {
            String data = "{\"contexts\":{\"todos|{\\\"list\\\":3}\":{\"data\":" + TODOS + ",\"updatedAt\":1}}}";
            for (String fw : FRAMEWORKS) {
                RenderRequest req = new RenderRequest(fw, "{\"title\":\"Hi\"}", "/", data);
                RenderResult viaBun = bunPool.render(req);
                RenderResult viaNode = pool.render(req);
                assertThat(Fixtures.html(viaBun)).as(fw).contains("<li>Milk</li>").isEqualTo(Fixtures.html(viaNode));
                assertThat(Fixtures.head(viaBun)).isEqualTo(Fixtures.head(viaNode));
            }
        }
    }
}
