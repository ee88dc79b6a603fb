package dev.mizan.cdi.internal.openapi;

import static dev.mizan.cdi.internal.json.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Turns Mizan's schema document (docs/reference/schema.md) into an OpenAPI 3.1 document with one
 * operation per context ({@code GET /mizan/ctx/<name>}) and per function ({@code POST /mizan/call/<name>}),
 * described in docs/how-to/operations.md. Pure: JSON in, JSON out, so the build-time tool and a running
 * server write the same text.
 *
 * <p>Each operation carries {@code x-mizan-scope} and {@code x-mizan-cache} (contexts) or
 * {@code x-mizan-invalidates} (functions), copied from the schema document, so tools that read OpenAPI
 * see what a call makes stale.
 */
public final class OpenApiDocument {

    /** The version of OpenAPI written: 3.1 takes the schema document's JSON Schema as it is. */
    public static final String OPENAPI_VERSION = "3.1.0";

    private static final String TYPES_REF = "#/types/";
    private static final String SCHEMAS_REF = "#/components/schemas/";
    private static final String ERROR = "MizanError";
    private static final String ENTRY = "MizanInvalidation";
    /** The response of every other status: the application's own codes, and the limits'. */
    private static final String APPLICATION = "other";
    /** A call's {@code refreshed}: by stable key, the fresh data and when it was read (epoch milliseconds). */
    private static final JsonObject REFRESHED = JSON.createObjectBuilder().add("type", "object")
            .add("additionalProperties", JSON.createObjectBuilder().add("type", "object")
                    .add("properties", JSON.createObjectBuilder()
                            .add("data", JSON.createObjectBuilder())
                            .add("updatedAt", JSON.createObjectBuilder().add("type", "integer").add("format", "int64")))
                    .add("required", JSON.createArrayBuilder().add("data").add("updatedAt")))
            .build();

    private OpenApiDocument() {
    }

    /**
     * @param schema the schema document ({@code version}, {@code hash}, {@code contexts}, {@code functions}, {@code types})
     * @param root   the path Mizan's protocol is served under, relative to the application, e.g. {@code /mizan}
     * @return the OpenAPI document
     */
    public static JsonObject of(JsonObject schema, String root) {
        JsonObjectBuilder paths = JSON.createObjectBuilder();
        JsonObject types = schema.getJsonObject("types");
        for (JsonValue c : schema.getJsonArray("contexts")) {
            JsonObject context = c.asJsonObject();
            paths.add(root + "/ctx/" + context.getString("name"), JSON.createObjectBuilder().add("get", read(context, types)));
        }
        for (JsonValue f : schema.getJsonArray("functions")) {
            JsonObject function = f.asJsonObject();
            paths.add(root + "/call/" + function.getString("name"), JSON.createObjectBuilder().add("post", call(function)));
        }
        JsonObjectBuilder schemas = JSON.createObjectBuilder();
        schema.getJsonObject("types").forEach((name, type) -> schemas.add(name, refs(type)));
        schemas.add(ERROR, errorSchema());
        schemas.add(ENTRY, entrySchema());
        return JSON.createObjectBuilder()
                .add("openapi", OPENAPI_VERSION)
                .add("info", JSON.createObjectBuilder()
                        .add("title", "Mizan contexts and functions")
                        .add("version", schema.getString("hash", "0"))
                        .add("x-mizan-schema-hash", schema.getString("hash", "")))
                .add("paths", paths)
                .add("components", JSON.createObjectBuilder()
                        .add("schemas", schemas)
                        .add("responses", errorResponses()))
                .build();
    }

    private static JsonObject read(JsonObject context, JsonObject types) {
        String name = context.getString("name");
        JsonArrayBuilder parameters = JSON.createArrayBuilder();
        for (JsonValue p : context.getJsonArray("params")) {
            parameters.add(queryParam(p.asJsonObject(), types));
        }
        JsonObjectBuilder ok = JSON.createObjectBuilder()
                .add("description", "The context's value")
                .add("headers", JSON.createObjectBuilder()
                        .add("ETag", header("Strong ETag of the body"))
                        .add("Mizan-Cache", header("hit, miss or bypass")))
                .add("content", json(refs(context.get("returns"))));
        JsonObjectBuilder operation = JSON.createObjectBuilder()
                .add("operationId", "ctx_" + name)
                .add("summary", "Read the context " + name)
                .add("tags", JSON.createArrayBuilder().add("mizan-contexts"))
                .add("parameters", parameters)
                .add("responses", JSON.createObjectBuilder()
                        .add("200", ok)
                        .add("304", JSON.createObjectBuilder().add("description", "Not modified (If-None-Match)"))
                        .add("400", errorRef("invalid_params"))
                        .add("401", errorRef("unauthenticated"))
                        .add("403", errorRef("forbidden"))
                        .add("500", errorRef("internal"))
                        .add("default", errorRef(APPLICATION)))
                .add("x-mizan-scope", context.getString("scope"))
                .add("x-mizan-cache", context.getJsonObject("cache"));
        roles(context, operation);
        return operation.build();
    }

    private static JsonObject call(JsonObject function) {
        String name = function.getString("name");
        JsonObjectBuilder properties = JSON.createObjectBuilder();
        JsonArrayBuilder required = JSON.createArrayBuilder();
        for (JsonValue p : function.getJsonArray("params")) {
            JsonObject param = p.asJsonObject();
            properties.add(param.getString("name"), refs(param.get("schema")));
            if (param.getBoolean("required", false)) {
                required.add(param.getString("name"));
            }
        }
        // the client's single-flight refresh: the stable keys of the reads it shows (docs/reference/protocol.md)
        properties.add("$refresh", JSON.createObjectBuilder().add("type", "array")
                .add("items", JSON.createObjectBuilder().add("type", "string"))
                .add("description", "Stable keys of the reads the caller shows: the answer's refreshed holds the fresh"
                        + " data of those the call made stale"));
        JsonObject body = JSON.createObjectBuilder().add("type", "object").add("properties", properties)
                .add("required", required).add("additionalProperties", false).build();
        JsonObject returns = function.getJsonObject("returns");
        JsonObjectBuilder ok = JSON.createObjectBuilder();
        if (returns.getBoolean("x-mizan-response", false)) {
            // the function writes its own response; Mizan only adds the Mizan-Invalidate header
            ok.add("description", "The function's own response, with the Mizan-Invalidate header");
        } else {
            ok.add("description", "The result and what the call made stale")
                    .add("content", json(JSON.createObjectBuilder().add("type", "object")
                            .add("properties", JSON.createObjectBuilder()
                                    .add("result", refs(returns))
                                    .add("invalidate", JSON.createObjectBuilder().add("type", "array")
                                            .add("items", ref(ENTRY)))
                                    .add("refreshed", REFRESHED))
                            .add("required", JSON.createArrayBuilder().add("invalidate"))
                            .build()));
        }
        JsonObjectBuilder operation = JSON.createObjectBuilder()
                .add("operationId", "call_" + name)
                .add("summary", "Call the function " + name)
                .add("tags", JSON.createArrayBuilder().add("mizan-functions"))
                .add("parameters", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("name", "Mizan-CSRF").add("in", "header").add("required", true)
                        .add("description", "The CSRF token: the value of the mizan-csrf cookie that GET mizan/session"
                                + " sets. Only a request authenticated by a bearer token alone, with no cookie, may"
                                + " leave it out")
                        .add("schema", JSON.createObjectBuilder().add("type", "string"))))
                .add("requestBody", JSON.createObjectBuilder().add("required", true).add("content", json(body)))
                .add("responses", JSON.createObjectBuilder()
                        .add("200", ok)
                        .add("400", errorRef("invalid_params"))
                        .add("401", errorRef("unauthenticated"))
                        .add("403", errorRef("forbidden"))
                        .add("413", errorRef("payload_too_large"))
                        .add("415", errorRef("unsupported_media_type"))
                        .add("500", errorRef("internal"))
                        .add("default", errorRef(APPLICATION)))
                .add("x-mizan-invalidates", function.getJsonArray("invalidates"));
        if (function.getBoolean("sessionInit", false)) {
            operation.add("x-mizan-session-init", true);
        }
        roles(function, operation);
        return operation.build();
    }

    private static JsonObject queryParam(JsonObject param, JsonObject types) {
        JsonValue schema = refs(param.get("schema"));
        JsonObjectBuilder p = JSON.createObjectBuilder().add("name", param.getString("name")).add("in", "query")
                .add("required", param.getBoolean("required", false));
        if (takesRawValue(param.get("schema"), types)) {
            // a string param takes the raw value (docs/reference/protocol.md)
            p.add("schema", schema);
        } else {
            // any other takes a JSON text
            p.add("content", json(schema));
        }
        return p.build();
    }

    /**
     * Whether a param's value is taken raw from the query, as the server decides it: its schema's type is
     * {@code string} once a nullable wrapper ({@code Optional}, {@code @Nullable}: {@code anyOf} with
     * {@code null}) is taken off and a {@code $ref} followed (an enum, a named string type).
     */
    static boolean takesRawValue(JsonValue schema, JsonObject types) {
        if (!(schema instanceof JsonObject o)) {
            return false;
        }
        if (o.containsKey("anyOf")) {
            JsonArray choices = o.getJsonArray("anyOf");
            JsonValue nonNull = null;
            for (JsonValue choice : choices) {
                if (!(choice instanceof JsonObject c && "null".equals(c.getString("type", null)))) {
                    if (nonNull != null) {
                        return false;
                    }
                    nonNull = choice;
                }
            }
            return nonNull != null && takesRawValue(nonNull, types);
        }
        if (o.get("$ref") instanceof JsonString ref && ref.getString().startsWith(TYPES_REF)) {
            return takesRawValue(types.get(ref.getString().substring(TYPES_REF.length())), types);
        }
        return "string".equals(o.getString("type", null));
    }

    private static void roles(JsonObject operation, JsonObjectBuilder target) {
        target.add("x-mizan-access", operation.getString("access", "permitAll"));
        if (operation.containsKey("roles")) {
            target.add("x-mizan-roles", operation.getJsonArray("roles"));
        }
    }

    /** Rewrites {@code #/types/X} references to {@code #/components/schemas/X}, anywhere in a schema. */
    static JsonValue refs(JsonValue schema) {
        return switch (schema.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder b = JSON.createObjectBuilder();
                for (Map.Entry<String, JsonValue> e : schema.asJsonObject().entrySet()) {
                    JsonValue v = e.getValue();
                    if ("$ref".equals(e.getKey()) && v instanceof JsonString s && s.getString().startsWith(TYPES_REF)) {
                        b.add("$ref", SCHEMAS_REF + s.getString().substring(TYPES_REF.length()));
                    } else {
                        b.add(e.getKey(), refs(v));
                    }
                }
                yield b.build();
            }
            case ARRAY -> {
                JsonArrayBuilder b = JSON.createArrayBuilder();
                for (JsonValue v : (JsonArray) schema) {
                    b.add(refs(v));
                }
                yield b.build();
            }
            default -> schema;
        };
    }

    private static JsonObject json(JsonValue schema) {
        return JSON.createObjectBuilder()
                .add("application/json", JSON.createObjectBuilder().add("schema", schema)).build();
    }

    private static JsonObject header(String description) {
        return JSON.createObjectBuilder().add("description", description)
                .add("schema", JSON.createObjectBuilder().add("type", "string")).build();
    }

    private static JsonObject ref(String schema) {
        return JSON.createObjectBuilder().add("$ref", SCHEMAS_REF + schema).build();
    }

    private static JsonObject errorRef(String code) {
        return JSON.createObjectBuilder().add("$ref", "#/components/responses/" + code).build();
    }

    private static JsonObject errorResponses() {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        String[][] codes = {
                {"invalid_params", "Bad or missing params (bad_request, invalid_params)"},
                {"unauthenticated", "A role is required and there is no principal"},
                {"forbidden", "The caller lacks a role, or the CSRF token is missing or bad (csrf)"},
                {"payload_too_large", "The body is over mizan.limits.max-body"},
                {"unsupported_media_type", "The body is not application/json"},
                {"internal", "Anything else; the body's id is logged with the stack"},
                {APPLICATION, "An error the application answers (a MizanException, an ErrorMapper's, a JAX-RS"
                        + " WebApplicationException's status) or a limit's (429, 503)"}};
        for (String[] c : codes) {
            b.add(c[0], JSON.createObjectBuilder().add("description", c[1]).add("content", json(ref(ERROR))));
        }
        return b.build();
    }

    private static JsonObject errorSchema() {
        JsonObject string = JSON.createObjectBuilder().add("type", "string").build();
        JsonObject inner = JSON.createObjectBuilder().add("type", "object")
                .add("properties", JSON.createObjectBuilder()
                        .add("code", string)
                        .add("message", string)
                        .add("id", string)
                        .add("fields", JSON.createObjectBuilder().add("type", "object")
                                .add("additionalProperties", JSON.createObjectBuilder().add("type", "array").add("items", string))))
                // an application's MizanException may carry no message (docs/reference/protocol.md, "Errors")
                .add("required", JSON.createArrayBuilder().add("code"))
                .build();
        return JSON.createObjectBuilder().add("type", "object")
                .add("properties", JSON.createObjectBuilder().add("error", inner))
                .add("required", JSON.createArrayBuilder().add("error")).build();
    }

    private static JsonObject entrySchema() {
        return JSON.createObjectBuilder().add("type", "object")
                .add("properties", JSON.createObjectBuilder()
                        .add("context", JSON.createObjectBuilder().add("type", "string"))
                        .add("params", JSON.createObjectBuilder().add("type", "object")))
                .add("required", JSON.createArrayBuilder().add("context")).build();
    }
}
