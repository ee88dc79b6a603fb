package dev.mizan.ssr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.Page;
import dev.mizan.Scope;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data that tries to break out of the hydration script ({@code </script>}, {@code <!--}, U+2028,
 * U+2029) comes out escaped, parses back to the same value in Chromium, and runs no script; rendered
 * content that carries the data script's id does not replace the data (DOM clobbering).
 */
class HydrationSafetyIntegrationTest {

    private static final List<String> EVIL = List.of(
            "</script><script>window.__xss=true;alert(1)</script>",
            "<!--", "<!-- <script>", "\u2028", "\u2029", "a&b>c<d", "</SCRIPT >", "<\\/script>", "\u00e9\ud834\udd1e");

    @Test
    void hostileDataIsEscapedParsesBackEqualAndRunsNoScript() throws Exception {
        StringBuilder todos = new StringBuilder("[");
        for (int i = 0; i < EVIL.size(); i++) {
            todos.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"title\":");
            JsonText.string(todos, EVIL.get(i));
            todos.append('}');
        }
        String todosJson = todos.append(']').toString();
        FixedContexts contexts = new FixedContexts(Map.of("todos", todosJson), Map.of("todos", Scope.PUBLIC));
        try (WorkerPool pool = Fixtures.pool(Fixtures.settings(1, Duration.ofSeconds(10), 10_000, true));
             Jsonb jsonb = JsonbBuilder.create();
             PageServer server = new PageServer(24102, Fixtures.bundles())) {
            PageRenderer renderer = new PageRenderer(contexts, pool, jsonb, true);
            Page page = Page.of("react").title(EVIL.get(0)).props(Map.of("title", EVIL.get(0)))
                    .context("todos", Map.of("list", 3)).script("/static/client-react.js");
            HtmlDocument doc = renderer.render(page, "/evil");
            server.page("/evil", () -> doc);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.write(bytes);
            String html = bytes.toString(StandardCharsets.UTF_8);
            String script = html.substring(html.indexOf("id=\"__MIZAN_SSR_DATA__\">") + 24);
            script = script.substring(0, script.indexOf("</script>"));
            assertThat(script).doesNotContain("<", ">", "&", "\u2028", "\u2029")
                    .contains("\\u003c/script\\u003e\\u003cscript\\u003e", "\\u003c!--", "\\u2028", "\\u2029", "\\u0026");
            assertThat(html.indexOf("<script", html.indexOf("__MIZAN_SSR_DATA__")))
                    .as("the next script tag is the module script").isEqualTo(html.indexOf("<script type=\"module\""));

            JsonObject result = BrowserCheck.open(server.url("/evil")).get(0);
            assertThat(result.getInt("dialogs")).as("alert() dialogs").isZero();
            assertThat(result.getBoolean("xss")).as("injected script ran").isFalse();
            assertThat(result.getBoolean("hydrated")).isTrue();
            assertThat(BrowserCheck.console(result)).noneMatch(m -> m.startsWith("error") || m.startsWith("warning"));
            // what the browser parsed equals what went in (compared as JSON values, parsed independently here)
            JsonValue expectedTodos = parse(todosJson);
            JsonObject seen = result.getJsonObject("data");
            assertThat(seen.getJsonObject("contexts").getJsonObject("todos|{\"list\":3}").get("data")).isEqualTo(expectedTodos);
            assertThat(seen.getJsonObject("props").getString("title")).isEqualTo(EVIL.get(0));
            assertThat(result.getString("textBefore")).contains(EVIL.get(0), "<!--", "a&b>c<d");
        }
    }

    @Test
    void renderedContentWithTheDataScriptsIdIsNotReadAsTheData() throws Exception {
        // user HTML a sanitizer passes (DOMPurify keeps id), rendered into the page: before the data script
        // was written ahead of the bundle's html, the browser took this element's text as the page's data
        String forged = "<p id=\"__MIZAN_SSR_DATA__\">{\"contexts\":{\"todos|{\\\"list\\\":3}\":{\"data\":"
                + "[{\"id\":9,\"title\":\"Forged todo\"}],\"updatedAt\":1}},\"entry\":\"react\",\"props\":{\"title\":\"Forged title\"}}</p>";
        FixedContexts contexts = new FixedContexts(Map.of("todos", "[{\"id\":1,\"title\":\"Milk\"}]"), Map.of("todos", Scope.USER));
        try (WorkerPool pool = Fixtures.pool(Fixtures.settings(1, Duration.ofSeconds(10), 10_000, true));
             Jsonb jsonb = JsonbBuilder.create();
             PageServer server = new PageServer(24103, Fixtures.bundles())) {
            PageRenderer renderer = new PageRenderer(contexts, pool, jsonb, true);
            Page page = Page.of("react").props(Map.of("title", "Hydrate me", "note", forged))
                    .context("todos", Map.of("list", 3)).script("/static/client-react.js");
            HtmlDocument doc = renderer.render(page, "/clobber");
            assertThat(new String(doc.html(), StandardCharsets.UTF_8)).as("the rendered html").contains(forged);
            server.page("/clobber", () -> doc);

            JsonObject result = BrowserCheck.open(server.url("/clobber")).get(0);
            assertThat(result.getBoolean("hydrated")).isTrue();
            assertThat(BrowserCheck.console(result)).noneMatch(m -> m.startsWith("error") || m.startsWith("warning") || m.startsWith("pageerror"));
            assertThat(result.getJsonObject("data").getJsonObject("props").getString("title"))
                    .as("document.getElementById(\"__MIZAN_SSR_DATA__\") in the browser").isEqualTo("Hydrate me");
            assertThat(result.getString("textAfter")).contains("Hydrate me", "Milk", "clicked 1");
            assertThat(server.mizanRequests).as("fetches of the seeded context").isEmpty();
        }
    }

    private static JsonValue parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readValue();
        }
    }
}
