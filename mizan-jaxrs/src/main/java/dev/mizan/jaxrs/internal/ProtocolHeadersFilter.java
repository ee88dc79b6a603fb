package dev.mizan.jaxrs.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Adds {@code Mizan-Protocol} and {@code Mizan-Schema} to every Mizan response, errors included,
 * and downgrades any response that sets a cookie to {@code private, no-store} so no shared cache
 * hands one client's cookie to another (docs/reference/protocol.md, docs/internals/cache-design.md).
 */
public class ProtocolHeadersFilter implements ContainerResponseFilter {

    static final String PROTOCOL = "Mizan-Protocol";
    static final String SCHEMA = "Mizan-Schema";

    private final EngineLookup engine = new EngineLookup();

    @Context
    Configuration config;

    @Context
    Application app;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!MizanMarker.inside(config, app)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(PROTOCOL, "1");
        headers.putSingle(SCHEMA, engine.get().schemaHash());
        if (headers.containsKey(HttpHeaders.SET_COOKIE)) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, CacheHeaders.PRIVATE_NO_STORE);
        }
    }
}
