package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.MizanEngine;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * {@code GET /schema} and {@code GET /manifest} (DESIGN §3, §8): on only with {@code mizan.dev} or
 * {@code mizan.schema.enabled}, since the schema lists every operation and its roles.
 */
@Path("/")
@RequestScoped
public class SchemaResource {

    @Inject
    MizanEngine engine;

    /** @return the schema document */
    @GET
    @Path("schema")
    public Response schema(@Context Configuration config, @Context Application app) {
        return document(config, app, engine::schema);
    }

    /** @return the CDN manifest */
    @GET
    @Path("manifest")
    public Response manifest(@Context Configuration config, @Context Application app) {
        return document(config, app, engine::manifest);
    }

    private Response document(Configuration config, Application app, Supplier<JsonObject> document) {
        MizanMarker.require(config, app);
        if (!engine.settings().schemaEnabled()) {
            throw Problems.notFound();
        }
        return Response.ok(JsonEntity.of(JsonText.of(document.get())), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, CacheHeaders.NO_STORE)
                .build();
    }
}
