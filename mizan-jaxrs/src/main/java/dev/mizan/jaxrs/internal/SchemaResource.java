package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.MizanEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.executable.ExecutableType;
import jakarta.validation.executable.ValidateOnExecution;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * {@code GET /schema} and {@code GET /manifest} (docs/reference/protocol.md, docs/reference/schema.md): on only with {@code mizan.dev} or
 * {@code mizan.schema.enabled}, since the schema lists every operation and its roles.
 */
@Path("{document: schema|manifest}")
@ApplicationScoped
// its methods' parameters carry no constraints (the params of a call are validated by the engine, against
// the operation's own method): declared not validated, so the runtime makes no validator per request
@ValidateOnExecution(type = ExecutableType.NONE)
public class SchemaResource {

    @Inject
    MizanEngine engine;

    /**
     * One class for both documents, on a narrow path: a {@code @Path("/")} class would sit on the
     * root of an application whose own {@code Application} scans every {@code @Path} class.
     *
     * @return the schema document or the CDN manifest
     */
    @GET
    public Response document(@PathParam("document") String document, @Context Configuration config,
                             @Context Application app) {
        return document(config, app, "schema".equals(document) ? engine::schema : engine::manifest);
    }

    /** @return 405, inside Mizan only (404 elsewhere) */
    @POST
    public Response wrongMethod(@Context Configuration config, @Context Application app) {
        MizanMarker.require(config, app);
        throw Problems.methodNotAllowed("GET");
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
