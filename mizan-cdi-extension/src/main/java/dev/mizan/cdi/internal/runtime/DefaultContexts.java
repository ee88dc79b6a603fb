package dev.mizan.cdi.internal.runtime;

import dev.mizan.Contexts;
import dev.mizan.MizanException;
import dev.mizan.Scope;
import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.model.ContextModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * The injectable {@link Contexts}: in-process reads for the current caller (the servlet request's
 * principal), through the same role checks, validation and cache as HTTP reads.
 */
@ApplicationScoped
public class DefaultContexts implements Contexts {

    @Inject
    DefaultMizanEngine engine;
    @Inject
    MizanRuntime rt;
    @Inject
    Purger purger;
    @Inject
    Instance<HttpServletRequest> requests;

    @Override
    public String readJson(String context, Map<String, ?> params) {
        ContextModel ctx = lookup(context);
        Caller caller = caller();
        AccessCheck.check(ctx.access(), caller);
        return new String(engine.read(ctx, toJson(params), caller).body(), StandardCharsets.UTF_8);
    }

    @Override
    public String stableKey(String context, Map<String, ?> params) {
        ContextModel ctx = lookup(context);
        return CacheKeys.stableKey(ctx.name(), engine.canonical(ctx, toJson(params)));
    }

    @Override
    public Scope scope(String context) {
        return lookup(context).scope();
    }

    private ContextModel lookup(String context) {
        return rt.registry().context(context).orElseThrow(() ->
                new MizanException(404, "unknown_context", "There is no context named '" + context + "'"));
    }

    private JsonObject toJson(Map<String, ?> params) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        params.forEach((k, v) -> {
            if (v != null) {
                b.add(k, purger.counters().toJson(v));
            }
        });
        return b.build();
    }

    /**
     * The servlet request's principal, as over HTTP: Jakarta Security's {@code SecurityContext} is not
     * used because some runtimes (WildFly) answer an "anonymous" principal for anonymous callers.
     */
    private Caller caller() {
        HttpServletRequest request = requests.isResolvable() ? requests.get() : null;
        return new Caller() {
            @Override
            public Optional<String> user() {
                return Optional.ofNullable(request).map(HttpServletRequest::getUserPrincipal).map(Principal::getName);
            }

            @Override
            public boolean isUserInRole(String role) {
                return request != null && request.isUserInRole(role);
            }
        };
    }
}
