package dev.mizan.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.erdtman.jcs.JsonCanonicalizer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.shop.Shop;
import dev.mizan.tck.framework.Assertion;
import dev.mizan.tck.framework.Deployments;
import dev.mizan.tck.framework.HttpTck;
import dev.mizan.tck.framework.MizanTck;
import dev.mizan.tck.framework.Reply;
import dev.mizan.tck.framework.SchemaTool;

/** docs/reference/protocol.md, docs/reference/schema.md: GET schema and manifest when mizan.schema.enabled=true. */
@MizanTck
class SchemaTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("tck-schema", "mizan.schema.enabled=true", Shop.CLASSES);
    }

    private JsonObject schema() {
        Reply r = HttpTck.of(base).mizan("schema");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    private static JsonObject entry(JsonArray list, String name) {
        return list.getValuesAs(JsonObject.class).stream().filter(o -> name.equals(o.getString("name", null)))
                .findFirst().orElseThrow(() -> new AssertionError("no entry " + name + " in " + list));
    }

    private static JsonObject param(JsonObject entry, String name) {
        return entry(entry.getJsonArray("params"), name);
    }

    /** Finds the first JSON Schema object (one with "type" or "$ref") anywhere inside a value. */
    private static Optional<JsonObject> firstSchema(JsonValue v) {
        if (v instanceof JsonObject o) {
            if (o.containsKey("type") || o.containsKey("$ref")) {
                return Optional.of(o);
            }
            return o.values().stream().map(SchemaTest::firstSchema).flatMap(Optional::stream).findFirst();
        }
        if (v instanceof JsonArray a) {
            return a.stream().map(SchemaTest::firstSchema).flatMap(Optional::stream).findFirst();
        }
        return Optional.empty();
    }

    private static JsonObject paramSchema(JsonObject entry, String name) {
        JsonObject p = param(entry, name);
        JsonObjectBuilder withoutName = Json.createObjectBuilder(p).remove("name");
        return firstSchema(withoutName.build()).orElseThrow(() -> new AssertionError("no JSON Schema in " + p));
    }

    @Assertion(id = "schema-document", strategy = "GET schema: version 1, hash, contexts and functions arrays, types object")
    void schemaDocument() {
        JsonObject s = schema();
        assertThat(s.getInt("version")).isEqualTo(1);
        assertThat(s.getString("hash")).matches("[0-9a-f]{64}");
        assertThat(s.getJsonArray("contexts")).isNotEmpty();
        assertThat(s.getJsonArray("functions")).isNotEmpty();
        assertThat(s.get("types").getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
    }

    @Assertion(id = "schema-hash-header", strategy = "The schema's hash equals the Mizan-Schema header")
    void hashMatchesHeader() {
        Reply r = HttpTck.of(base).mizan("schema");
        assertThat(r.header("Mizan-Schema")).contains(r.json().getString("hash"));
    }

    @Assertion(id = "schema-hash-jcs", strategy = "hash = lowercase hex SHA-256 of the RFC 8785 form of the schema without hash (recomputed with an independent JCS library)")
    void hashIsSha256OfCanonicalForm() throws IOException, NoSuchAlgorithmException {
        JsonObject s = schema();
        String without = Json.createObjectBuilder(s).remove("hash").build().toString();
        byte[] canonical = new JsonCanonicalizer(without).getEncodedUTF8();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        assertThat(s.getString("hash")).isEqualTo(expected);
    }

    @Assertion(id = "schema-lists-everything", strategy = "Every fixture context and function is listed by name")
    void listsEverything() {
        JsonObject s = schema();
        assertThat(s.getJsonArray("contexts").getValuesAs(JsonObject.class).stream().map(o -> o.getString("name")))
                .contains("echo", "flags", "stock", "greeting", "clock", "me", "adminReport", "sealed");
        assertThat(s.getJsonArray("functions").getValuesAs(JsonObject.class).stream().map(o -> o.getString("name")))
                .contains("restock", "clearStock", "touch", "sell", "greet", "addTodo", "rename", "login", "logout");
    }

    @Assertion(id = "schema-param-types", strategy = "Param schemas: String/enum/UUID/LocalDate/BigDecimal are string, long is integer int64, boolean, List is array")
    void paramTypes() {
        JsonObject echo = entry(schema().getJsonArray("contexts"), "echo");
        assertThat(paramSchema(echo, "s").getString("type")).isEqualTo("string");
        assertThat(paramSchema(echo, "id").getString("type")).isEqualTo("string");
        assertThat(paramSchema(echo, "day").getString("type")).isEqualTo("string");
        assertThat(paramSchema(echo, "amount").getString("type")).isEqualTo("string");
        JsonObject n = paramSchema(echo, "n");
        assertThat(n.getString("type")).isEqualTo("integer");
        assertThat(n.getString("format")).isEqualTo("int64");
        assertThat(paramSchema(echo, "b").getString("type")).isEqualTo("boolean");
        assertThat(paramSchema(echo, "tags").getString("type")).isEqualTo("array");
    }

    @Assertion(id = "schema-param-required", strategy = "A primitive param is required, a boxed one is not")
    void requiredFlags() {
        JsonObject echo = entry(schema().getJsonArray("contexts"), "echo");
        assertThat(param(echo, "n").getBoolean("required")).isTrue();
        assertThat(param(echo, "s").getBoolean("required")).isFalse();
    }

    @Assertion(id = "schema-context-scope", strategy = "Contexts carry their scope: stock PUBLIC, me USER")
    void contextScopes() {
        JsonArray contexts = schema().getJsonArray("contexts");
        assertThat(entry(contexts, "stock").toString()).containsIgnoringCase("\"public\"");
        assertThat(entry(contexts, "me").toString()).containsIgnoringCase("\"user\"");
    }

    @Assertion(id = "schema-function-invalidates-roles", strategy = "restock lists stock among its invalidations; purgeAll lists role admin")
    void functionMetadata() {
        JsonArray functions = schema().getJsonArray("functions");
        assertThat(entry(functions, "restock").toString()).contains("\"stock\"");
        assertThat(entry(functions, "purgeAll").toString()).contains("\"admin\"");
    }

    @Assertion(id = "schema-manifest", strategy = "GET manifest names each PUBLIC context with its tag mizan-ctx-<name>")
    void manifest() {
        Reply r = HttpTck.of(base).mizan("manifest");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.body()).contains("greeting", "mizan-ctx-greeting", "mizan-ctx-stock");
    }

    @Assertion(id = "schema-stable", strategy = "Two GETs of the schema are byte-identical")
    void schemaIsStable() {
        HttpTck http = HttpTck.of(base);
        assertThat(http.mizan("schema").body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(http.mizan("schema").body().getBytes(StandardCharsets.UTF_8));
    }

    @Assertion(id = "schema-build-time", strategy = "The implementation's build-time tool (mizan.tck.schemaTool), run on"
            + " the deployment's WEB-INF/classes with no server, writes exactly the bytes of GET schema")
    void buildTimeSchemaIsTheLiveOne() throws IOException {
        Path out = SchemaTool.run(deployment(), false).schema();
        Reply live = HttpTck.of(base).mizan("schema");
        assertThat(live.status()).as("%s", live).isEqualTo(200);
        assertThat(new String(Files.readAllBytes(out), StandardCharsets.UTF_8)).isEqualTo(live.body());
    }
}
