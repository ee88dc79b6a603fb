package dev.mizan.cdi.internal.runtime;

import dev.mizan.Contexts;
import dev.mizan.Scope;
import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.model.ContextModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The injectable {@link Contexts}: in-process reads for the current caller (the same caller
 * an HTTP read of this request sees: the {@code UserResolver}s, else the servlet request's principal), through the same role checks, validation and cache as HTTP reads.
 */
@ApplicationScoped
public class DefaultContexts implements Contexts {

    @Inject
    DefaultMizanEngine engine;
    @Inject
    MizanRuntime rt;
    @Inject
    Purger purger;

    @Override
    public String readJson(String context, Map<String, ?> params) {
        ContextModel ctx = lookup(context);
        Caller caller = engine.currentCaller();
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
        return rt.registry().context(context).orElseThrow(() -> UnknownNames.context(context, rt.registry(), rt.settings().schemaEnabled()));
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
}
