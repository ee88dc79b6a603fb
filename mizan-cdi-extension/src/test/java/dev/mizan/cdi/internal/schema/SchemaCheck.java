package dev.mizan.cdi.internal.schema;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * A minimal JSON Schema checker for the keywords the schema uses ({@code $ref} into {@code types},
 * {@code anyOf}, {@code type}, {@code enum}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code uniqueItems}, {@code minLength}/{@code maxLength},
 * and the formats int32, int64, uuid, decimal, integer, date, date-time). Test-only: it lets tests
 * check real Yasson output against the schemas.
 */
final class SchemaCheck {

    private final JsonObject types;
    private final List<String> errors = new ArrayList<>();

    private SchemaCheck(JsonObject types) {
        this.types = types;
    }

    /** @return every violation, empty when the JSON text matches */
    static List<String> violations(String json, JsonObject schema, JsonObject types) {
        SchemaCheck check = new SchemaCheck(types);
        check.check(Json.createReader(new StringReader(json)).readValue(), schema, "$");
        return check.errors;
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private boolean check(JsonValue value, JsonObject schema, String path) {
        int before = errors.size();
        if (schema.containsKey("$ref")) {
            String name = schema.getString("$ref").substring("#/types/".length());
            if (!types.containsKey(name)) {
                errors.add(path + ": unknown $ref " + name);
                return false;
            }
            return check(value, types.getJsonObject(name), path);
        }
        if (schema.containsKey("anyOf")) {
            for (JsonValue option : schema.getJsonArray("anyOf")) {
                SchemaCheck probe = new SchemaCheck(types);
                if (probe.check(value, option.asJsonObject(), path)) {
                    return true;
                }
            }
            errors.add(path + ": matches no anyOf option");
            return false;
        }
        String type = schema.getString("type");
        switch (type) {
            case "null" -> expect(value.getValueType() == JsonValue.ValueType.NULL, path, "null");
            case "boolean" -> expect(value == JsonValue.TRUE || value == JsonValue.FALSE, path, "boolean");
            case "number" -> expect(value instanceof JsonNumber, path, "number");
            case "integer" -> integer(value, schema, path);
            case "string" -> string(value, schema, path);
            case "array" -> array(value, schema, path);
            case "object" -> object(value, schema, path);
            default -> errors.add(path + ": unknown type " + type);
        }
        return errors.size() == before;
    }

    private void integer(JsonValue value, JsonObject schema, String path) {
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            errors.add(path + ": expected integer, got " + value);
            return;
        }
        long limit = "int32".equals(schema.getString("format", "")) ? Integer.MAX_VALUE : Long.MAX_VALUE;
        expect(n.bigDecimalValue().abs().compareTo(BigDecimal.valueOf(limit)) <= 0, path, "integer in range");
    }

    private void string(JsonValue value, JsonObject schema, String path) {
        if (!(value instanceof JsonString s)) {
            errors.add(path + ": expected string, got " + value);
            return;
        }
        String text = s.getString();
        if (schema.containsKey("enum")) {
            expect(schema.getJsonArray("enum").contains(s), path, "one of " + schema.getJsonArray("enum"));
        }
        if (schema.containsKey("minLength")) {
            expect(text.length() >= schema.getInt("minLength"), path, "minLength");
        }
        if (schema.containsKey("maxLength")) {
            expect(text.length() <= schema.getInt("maxLength"), path, "maxLength");
        }
        String format = schema.getString("format", "");
        try {
            switch (format) {
                case "uuid" -> UUID.fromString(text);
                case "decimal" -> new BigDecimal(text);
                case "integer" -> new java.math.BigInteger(text);
                case "date" -> java.time.LocalDate.parse(text);
                case "date-time" -> java.time.OffsetDateTime.parse(text);
                default -> { }
            }
        } catch (RuntimeException e) {
            errors.add(path + ": \"" + text + "\" is not a " + format);
        }
    }

    private void array(JsonValue value, JsonObject schema, String path) {
        if (!(value instanceof JsonArray array)) {
            errors.add(path + ": expected array, got " + value);
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            check(array.get(i), schema.getJsonObject("items"), path + "[" + i + "]");
        }
        if (schema.getBoolean("uniqueItems", false)) {
            expect(new HashSet<>(array).size() == array.size(), path, "unique items");
        }
    }

    private void object(JsonValue value, JsonObject schema, String path) {
        if (!(value instanceof JsonObject object)) {
            errors.add(path + ": expected object, got " + value);
            return;
        }
        JsonObject properties = schema.getJsonObject("properties");
        if (schema.containsKey("required")) {
            for (JsonValue name : schema.getJsonArray("required")) {
                expect(object.containsKey(((JsonString) name).getString()), path, "required member " + name);
            }
        }
        JsonValue additional = schema.getOrDefault("additionalProperties", JsonValue.TRUE);
        object.forEach((name, member) -> {
            if (properties != null && properties.containsKey(name)) {
                check(member, properties.getJsonObject(name), path + "." + name);
            } else if (additional == JsonValue.FALSE) {
                errors.add(path + ": unexpected member " + name);
            } else if (additional instanceof JsonObject memberSchema) {
                check(member, memberSchema, path + "." + name);
            }
        });
    }

    private void expect(boolean ok, String path, String what) {
        if (!ok) {
            errors.add(path + ": expected " + what);
        }
    }
}
