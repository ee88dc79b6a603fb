package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.openapi.OpenApiDocument;
import dev.mizan.cdi.tools.SchemaGenerator;
import dev.mizan.cdi.tools.fixture.Fixture;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/how-to/operations.md: the OpenAPI document has one operation per context and function of the
 * fixture, with Mizan's extensions, and every reference resolves. The document's validity against the
 * OpenAPI specification is checked by an independent validator in samples/hello/src/test/openapi.
 */
class OpenApiDocumentTest {

    private static JsonObject schema;
    private static JsonObject openApi;

    @BeforeAll
    static void build() {
        schema = SchemaGenerator.schema(List.of(Fixture.CLASSES), Duration.ofMinutes(1));
        openApi = OpenApiDocument.of(schema, "/mizan");
    }

    @Test
    void oneOperationPerContextAndFunction() {
        // the fixture's names, as its sources declare them
        assertThat(openApi.getJsonObject("paths").keySet()).containsExactlyInAnyOrder(
                "/mizan/ctx/audit", "/mizan/ctx/task", "/mizan/ctx/tasks", "/mizan/ctx/totals",
                "/mizan/call/save", "/mizan/call/scores", "/mizan/call/start", "/mizan/call/wipe");
        assertThat(openApi.getString("openapi")).isEqualTo("3.1.0");
    }

    @Test
    void contextsCarryScopeAndCacheFunctionsTheirInvalidations() {
        for (JsonValue c : schema.getJsonArray("contexts")) {
            JsonObject context = c.asJsonObject();
            JsonObject get = openApi.getJsonObject("paths").getJsonObject("/mizan/ctx/" + context.getString("name")).getJsonObject("get");
            assertThat(get.getString("x-mizan-scope")).isEqualTo(context.getString("scope"));
            assertThat(get.getJsonObject("x-mizan-cache")).isEqualTo(context.getJsonObject("cache"));
            assertThat(get.getJsonArray("parameters")).hasSameSizeAs(context.getJsonArray("params"));
            assertThat(get.getJsonObject("responses").keySet()).contains("200", "304", "400", "401", "403", "500");
        }
        for (JsonValue f : schema.getJsonArray("functions")) {
            JsonObject function = f.asJsonObject();
            JsonObject post = openApi.getJsonObject("paths").getJsonObject("/mizan/call/" + function.getString("name")).getJsonObject("post");
            assertThat(post.getJsonArray("x-mizan-invalidates")).isEqualTo(function.getJsonArray("invalidates"));
            JsonObject body = post.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
            // the params, and the client's "$refresh" (docs/reference/protocol.md), which the closed body must admit
            assertThat(body.getJsonObject("properties").keySet()).hasSize(function.getJsonArray("params").size() + 1)
                    .contains("$refresh");
            assertThat(body.getJsonObject("properties").getJsonObject("$refresh").getString("type")).isEqualTo("array");
            assertThat(body.getBoolean("additionalProperties")).isFalse();
            // every call needs the CSRF header but a bearer-only one (docs/reference/security.md)
            JsonObject csrf = post.getJsonArray("parameters").getJsonObject(0);
            assertThat(csrf.getString("name")).isEqualTo("Mizan-CSRF");
            assertThat(csrf.getBoolean("required")).isTrue();
            if (!function.getJsonObject("returns").getBoolean("x-mizan-response", false)) {
                JsonObject answer = post.getJsonObject("responses").getJsonObject("200").getJsonObject("content")
                        .getJsonObject("application/json").getJsonObject("schema");
                assertThat(answer.getJsonObject("properties").keySet()).contains("result", "invalidate", "refreshed");
            }
        }
    }

    @Test
    void paramsTheServerTakesRawAreSchemasTheOthersJsonText() {
        // as the fixture's sources declare them, and as the server binds them (docs/reference/protocol.md): a
        // String, UUID or enum param, Optional or not, takes the raw value; a number or a collection, JSON text
        Map<String, Boolean> raw = Map.of(
                "tasks.board", false, "tasks.priority", true, "tasks.tags", false,
                "task.board", false, "task.id", true,
                "totals.board", false, "totals.label", true,
                "audit.since", false);
        Map<String, Boolean> documented = new TreeMap<>();
        openApi.getJsonObject("paths").forEach((path, item) -> {
            JsonObject get = item.asJsonObject().getJsonObject("get");
            if (get == null) {
                return;
            }
            String context = path.substring(path.lastIndexOf('/') + 1);
            for (JsonValue p : get.getJsonArray("parameters")) {
                JsonObject param = p.asJsonObject();
                boolean schemaOnly = param.containsKey("schema") && !param.containsKey("content");
                if (!schemaOnly) {
                    assertThat(param.getJsonObject("content").keySet()).containsExactly("application/json");
                }
                documented.put(context + "." + param.getString("name"), schemaOnly);
            }
        });
        assertThat(documented).isEqualTo(new TreeMap<>(raw));
    }

    @Test
    void everyReferenceResolves() {
        String text = SchemaGenerator.json(openApi);
        assertThat(text).doesNotContain("#/types/");
        Matcher m = Pattern.compile("\"#/components/(schemas|responses)/([^\"]+)\"").matcher(text);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(openApi.getJsonObject("components").getJsonObject(m.group(1)).keySet()).contains(m.group(2));
        }
        assertThat(found).isGreaterThan(0);
    }
}
