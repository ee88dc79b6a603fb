package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;

import dev.mizan.tck.fixtures.openapi.Library;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.OpenApi;
import dev.mizan.tck.framework.Reply;
import dev.mizan.tck.framework.SchemaTool;
import dev.mizan.tck.framework.TestProperty;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * docs/how-to/operations.md: on a server with MicroProfile OpenAPI, the server's own {@code /openapi}
 * lists each context as one {@code GET .../mizan/ctx/<name>} and each function as one
 * {@code POST .../mizan/call/<name>}, with Mizan's extensions, and none of Mizan's generic
 * {@code {name}} resources. The deployment carries {@code META-INF/openapi.json} written by the
 * implementation's build-time tool ({@code mizan.tck.schemaTool} with {@code --openapi}), as an
 * application's build does. The expected values are the fixture's annotations, written out here.
 */
@MizanTck
@Tag(MizanTck.MICROPROFILE)
class OpenApiTest {

    /** Each context of {@code LibraryApi} and its scope. */
    private static final Map<String, String> SCOPES = Map.of("book", "public", "shelf", "public", "loans", "user");

    /** Each context's cache members as its {@code @MizanContext} says (ISO-8601; unset members are PT0S). */
    private static final Map<String, JsonObject> CACHE = Map.of(
            "book", cache("PT2M", "PT10S", "PT5M", "PT1M", true),
            "shelf", cache("PT30S", "PT0S", "PT0S", "PT0S", false),
            "loans", cache("PT45S", "PT0S", "PT0S", "PT0S", true));

    /** Each function's {@code @Invalidates}, ordered by context. */
    private static final Map<String, JsonArray> INVALIDATES = Map.of(
            "borrow", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("context", "book").add("params", Json.createArrayBuilder().add("isbn")))
                    .add(Json.createObjectBuilder().add("context", "loans").add("params", JsonValue.EMPTY_JSON_ARRAY))
                    .build(),
            "ping", JsonValue.EMPTY_JSON_ARRAY);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SchemaTool.withOpenApi(Deployments.war("tck-openapi", Library.CLASSES));
    }

    private static JsonObject cache(String maxAge, String browser, String edge, String stale, boolean cached) {
        return Json.createObjectBuilder().add("maxAge", maxAge).add("browserMaxAge", browser).add("edgeMaxAge", edge)
                .add("staleWhileRevalidate", stale).add("cached", cached).build();
    }

    @Assertion(id = "openapi-contexts", strategy = "GET the server's openapi as JSON: each context is exactly one path"
            + " ending in mizan/ctx/<name>, holding a GET and nothing else; no other ctx path")
    void oneGetPerContext() {
        OpenApi doc = OpenApi.of(base);
        Map<String, JsonObject> items = doc.pathsContaining("/mizan/ctx/");
        assertThat(items.keySet()).as("ctx paths in %s", doc)
                .isEqualTo(SCOPES.keySet().stream().map(n -> doc.prefix() + "/mizan/ctx/" + n).collect(Collectors.toSet()));
        items.forEach((path, item) -> assertThat(OpenApi.methods(item)).as("%s: %s", path, item).containsExactly("get"));
    }

    @Assertion(id = "openapi-functions", strategy = "GET the server's openapi as JSON: each function is exactly one path"
            + " ending in mizan/call/<name>, holding a POST and nothing else; no other call path")
    void onePostPerFunction() {
        OpenApi doc = OpenApi.of(base);
        Map<String, JsonObject> items = doc.pathsContaining("/mizan/call/");
        assertThat(items.keySet()).as("call paths in %s", doc)
                .isEqualTo(INVALIDATES.keySet().stream().map(n -> doc.prefix() + "/mizan/call/" + n).collect(Collectors.toSet()));
        items.forEach((path, item) -> assertThat(OpenApi.methods(item)).as("%s: %s", path, item).containsExactly("post"));
    }

    @Assertion(id = "openapi-no-generic", strategy = "No path of the server's openapi holds Mizan's generic {name} or"
            + " {document} resources")
    void noGenericResource() {
        OpenApi doc = OpenApi.of(base);
        assertThat(doc.paths().keySet()).as("%s", doc).noneMatch(p -> p.contains("{name}") || p.contains("{document}"));
    }

    @Assertion(id = "openapi-context-extensions", strategy = "Each context's GET has x-mizan-scope (public or user) and"
            + " x-mizan-cache (maxAge, browserMaxAge, edgeMaxAge, staleWhileRevalidate, cached) as its @MizanContext says")
    void contextExtensions() {
        OpenApi doc = OpenApi.of(base);
        SCOPES.forEach((name, scope) -> {
            JsonObject get = doc.operation("/mizan/ctx/" + name, "get");
            assertThat(get.getString("x-mizan-scope", null)).as("%s: %s", name, get).isEqualTo(scope);
            assertThat(get.get("x-mizan-cache")).as("%s: %s", name, get).isEqualTo(CACHE.get(name));
        });
    }

    @Assertion(id = "openapi-invalidates", strategy = "Each function's POST has x-mizan-invalidates listing its"
            + " @Invalidates (context and params), an empty list when it has none; only on Payara"
            + " (mizan.tck.runtime=payara), which leaves empty lists out of the document it serves, does an absent list"
            + " count as empty")
    void functionInvalidations() {
        OpenApi doc = OpenApi.of(base);
        boolean emptyListsDropped = TestProperty.RUNTIME.is("payara");
        INVALIDATES.forEach((name, invalidates) -> {
            JsonObject post = doc.operation("/mizan/call/" + name, "post");
            JsonValue listed = post.get("x-mizan-invalidates");
            assertThat(emptyListsDropped ? withEmptyLists(listed) : listed).as("%s: %s", name, post).isEqualTo(invalidates);
        });
    }

    /**
     * An {@code x-mizan-invalidates} as Payara Micro serves it, its absent lists read as empty: it leaves empty
     * lists out of the document (docs/how-to/operations.md), the whole extension or an entry's {@code params}.
     */
    private static JsonArray withEmptyLists(JsonValue listed) {
        if (listed == null) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        JsonArrayBuilder entries = Json.createArrayBuilder();
        for (JsonValue v : listed.asJsonArray()) {
            JsonObject entry = v.asJsonObject();
            entries.add(entry.containsKey("params") ? entry
                    : Json.createObjectBuilder(entry).add("params", JsonValue.EMPTY_JSON_ARRAY).build());
        }
        return entries.build();
    }

    @Assertion(id = "openapi-params", strategy = "A context's params are query parameters (a string one, or an enum"
            + " one, with a schema and no content; any other as JSON content); a function's params, and the client's"
            + " $refresh, are the properties of its JSON request body")
    void params() {
        OpenApi doc = OpenApi.of(base);
        JsonObject isbn = query(doc.operation("/mizan/ctx/book", "get"), "isbn");
        assertThat(isbn.getJsonObject("schema").getString("type")).as("%s", isbn).isEqualTo("string");
        JsonObject floor = query(doc.operation("/mizan/ctx/shelf", "get"), "floor");
        assertThat(floor.getJsonObject("content").keySet()).as("%s", floor).containsExactly("application/json");
        JsonObject genre = query(doc.operation("/mizan/ctx/shelf", "get"), "genre");
        assertThat(genre.containsKey("schema") && !genre.containsKey("content")).as("%s", genre).isTrue();
        assertThat(query(doc.operation("/mizan/ctx/loans", "get"), null)).isNull();

        JsonObject body = doc.operation("/mizan/call/borrow", "post").getJsonObject("requestBody")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
        // the params, and the client's "$refresh" (docs/reference/protocol.md)
        assertThat(body.getJsonObject("properties").keySet()).as("%s", body).containsExactlyInAnyOrder("isbn", "days", "$refresh");
    }

    @Assertion(id = "openapi-paths-answer", strategy = "The listed paths are the ones that answer: GET the book"
            + " context at the document's path (under the context root, or under the server root when the path has it)")
    void listedPathsAnswer() {
        OpenApi doc = OpenApi.of(base);
        String path = doc.prefix() + "/mizan/ctx/book";
        assertThat(doc.paths()).containsKey(path);
        Reply reply = doc.get(path + "?isbn=1");
        assertThat(reply.status()).as("GET %s: %s", path, reply).isEqualTo(200);
        assertThat(reply.json().getString("isbn")).as("%s", reply).isEqualTo("1");
    }

    @Assertion(id = "openapi-enum-param-raw", strategy = "GET the shelf context with its enum param as the document"
            + " describes it (the raw value, no JSON quotes): 200, and the value reached the method")
    void enumParamTakesTheRawValue() {
        OpenApi doc = OpenApi.of(base);
        Reply reply = doc.get(doc.prefix() + "/mizan/ctx/shelf?floor=2&genre=POETRY");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body()).as("%s", reply).contains("On floor 2, POETRY");
    }

    @Assertion(id = "openapi-app-resource-kept", strategy = "The application's own JAX-RS resource whose method carries"
            + " @Invalidates is still in the server's openapi, under the application's own path: exactly one path"
            + " ending in /returns, api/returns (LibraryRest's @ApplicationPath), with a POST; none under mizan/"
            + " (Mizan's Application is left out of the scan: docs/how-to/operations.md)")
    void applicationResourceWithInvalidatesIsListed() {
        OpenApi doc = OpenApi.of(base);
        Map<String, JsonObject> items = new TreeMap<>(doc.paths());
        items.keySet().removeIf(path -> !path.endsWith("/returns"));
        assertThat(items.keySet()).as("paths %s", doc.paths().keySet()).containsExactly(doc.prefix() + "/api/returns");
        items.forEach((path, item) -> assertThat(OpenApi.methods(item)).as("%s: %s", path, item).contains("post"));
        assertThat(doc.paths().keySet()).as("paths %s", doc.paths().keySet())
                .noneMatch(p -> p.contains("/mizan/") && !p.contains("/mizan/ctx/") && !p.contains("/mizan/call/"));
    }

    /** @return the query parameter of that name, or with {@code name} null the first one (null when none) */
    private static JsonObject query(JsonObject operation, String name) {
        JsonArray parameters = operation.getJsonArray("parameters");
        List<JsonObject> query = parameters == null ? List.of() : parameters.stream().map(JsonValue::asJsonObject)
                .filter(p -> "query".equals(p.getString("in", ""))).toList();
        if (name == null) {
            return query.isEmpty() ? null : query.get(0);
        }
        Map<String, JsonObject> byName = new TreeMap<>();
        query.forEach(p -> byName.put(p.getString("name"), p));
        assertThat(byName).as("query parameters of %s", operation).containsKey(name);
        return byName.get(name);
    }
}
