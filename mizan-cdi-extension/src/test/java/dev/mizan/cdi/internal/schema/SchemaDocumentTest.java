package dev.mizan.cdi.internal.schema;

import static dev.mizan.cdi.internal.schema.SchemaCheck.parse;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

class SchemaDocumentTest {

    private static final JsonObject TYPES = parse("""
            {"Todo":{"type":"object","properties":{"id":{"type":"integer","format":"int64"}},"required":["id"],
                     "additionalProperties":false}}""");

    /** The document without hash in RFC 8785 form, written by hand: members sorted, no whitespace. */
    private static final String CANONICAL = "{\"contexts\":["
            + "{\"access\":\"permitAll\",\"cache\":{\"browserMaxAge\":\"PT0S\",\"cached\":true,\"edgeMaxAge\":\"PT5M\","
            + "\"maxAge\":\"PT30S\",\"staleWhileRevalidate\":\"PT1M\"},\"name\":\"catalog\",\"params\":[],"
            + "\"returns\":{\"type\":\"string\"},\"scope\":\"public\"},"
            + "{\"access\":\"roles\",\"cache\":{\"browserMaxAge\":\"PT0S\",\"cached\":true,\"edgeMaxAge\":\"PT0S\","
            + "\"maxAge\":\"PT1M\",\"staleWhileRevalidate\":\"PT0S\"},\"name\":\"todos\",\"params\":[{\"name\":\"list\","
            + "\"required\":true,\"schema\":{\"format\":\"int64\",\"type\":\"integer\"}}],\"returns\":{\"items\":"
            + "{\"$ref\":\"#/types/Todo\"},\"type\":\"array\"},\"roles\":[\"admin\",\"user\"],\"scope\":\"user\"}],"
            + "\"functions\":["
            + "{\"access\":\"unrestricted\",\"invalidates\":[{\"context\":\"todos\",\"params\":[\"list\"]}],"
            + "\"name\":\"addTodo\",\"params\":[{\"name\":\"list\",\"required\":true,\"schema\":{\"format\":\"int64\","
            + "\"type\":\"integer\"}},{\"name\":\"title\",\"required\":true,\"schema\":{\"type\":\"string\"}}],"
            + "\"returns\":{\"$ref\":\"#/types/Todo\"},\"sessionInit\":false},"
            + "{\"access\":\"permitAll\",\"invalidates\":[],\"name\":\"login\",\"params\":[],\"returns\":{\"type\":\"null\"},"
            + "\"sessionInit\":true}],"
            + "\"types\":{\"Todo\":{\"additionalProperties\":false,\"properties\":{\"id\":{\"format\":\"int64\","
            + "\"type\":\"integer\"}},\"required\":[\"id\"],\"type\":\"object\"}},"
            + "\"version\":1}";

    private static JsonObject document() {
        return SchemaDocument.build(List.of(Models.todos(Duration.ofMinutes(1)), Models.catalog()),
                List.of(Models.login(), Models.addTodo()), TYPES);
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void buildsTheDocumentWithEntriesSortedByName() {
        JsonObject document = document();
        JsonObject withoutHash = Json.createObjectBuilder(document).remove("hash").build();
        assertThat(withoutHash).isEqualTo(parse(CANONICAL));
        assertThat(document.getString("hash")).matches("[0-9a-f]{64}");
    }

    @Test
    void hashIsSha256OfTheHandWrittenCanonicalForm() throws Exception {
        String expected = sha256Hex(CANONICAL.getBytes(StandardCharsets.UTF_8));
        assertThat(document().getString("hash")).isEqualTo(expected);
        assertThat(SchemaDocument.hash(document())).isEqualTo(expected);
    }

    @Test
    void hashIsSha256OfTheJcsLibrarysCanonicalForm() throws Exception {
        JsonObject withoutHash = Json.createObjectBuilder(document()).remove("hash").build();
        byte[] canonical = new JsonCanonicalizer(withoutHash.toString()).getEncodedUTF8();
        assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(CANONICAL);
        assertThat(document().getString("hash")).isEqualTo(sha256Hex(canonical));
    }

    @Test
    void hashIgnoresMemberOrderAndInputOrder() {
        JsonObject document = document();
        JsonObjectBuilder reversed = Json.createObjectBuilder();
        List.of("version", "types", "hash", "functions", "contexts").forEach(k -> reversed.add(k, document.get(k)));
        assertThat(SchemaDocument.hash(reversed.build())).isEqualTo(document.getString("hash"));

        JsonObject reordered = SchemaDocument.build(List.of(Models.catalog(), Models.todos(Duration.ofMinutes(1))),
                List.of(Models.addTodo(), Models.login()), TYPES);
        assertThat(reordered).isEqualTo(document);
    }

    @Test
    void anyChangeChangesTheHash() {
        String hash = document().getString("hash");
        assertThat(SchemaDocument.build(List.of(Models.todos(Duration.ofMinutes(2)), Models.catalog()),
                List.of(Models.login(), Models.addTodo()), TYPES).getString("hash")).isNotEqualTo(hash);
        assertThat(SchemaDocument.build(List.of(Models.todos(Duration.ofMinutes(1)), Models.catalog()),
                List.of(Models.login()), TYPES).getString("hash")).isNotEqualTo(hash);
        JsonObject otherTypes = parse("{\"Todo\":{\"type\":\"object\",\"properties\":{},\"required\":[],"
                + "\"additionalProperties\":false}}");
        assertThat(SchemaDocument.build(List.of(Models.todos(Duration.ofMinutes(1)), Models.catalog()),
                List.of(Models.login(), Models.addTodo()), otherTypes).getString("hash")).isNotEqualTo(hash);
        assertThat(document().getString("hash")).as("same models, same hash").isEqualTo(hash);
    }
}
