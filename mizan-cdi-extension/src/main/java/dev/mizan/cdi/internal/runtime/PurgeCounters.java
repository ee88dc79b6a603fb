package dev.mizan.cdi.internal.runtime;

import dev.mizan.Scope;
import dev.mizan.cdi.internal.cache.CounterNames;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.ParamModel;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the generation counters of an entry and of a purge (docs/internals/cache-design.md). Param values are normalised
 * through Mizan's JSON-B (bound to their Java type and written back), so a purge computed from Java
 * arguments hits exactly the entries read with the same values over the wire.
 */
final class PurgeCounters {

    private final MizanRuntime rt;
    private final Map<String, Map<String, String>> typesByContext = new ConcurrentHashMap<>();

    PurgeCounters(MizanRuntime rt) {
        this.rt = rt;
    }

    /** @return the counters an entry of {@code ctx} read with {@code args} is stamped with */
    List<String> forEntry(ContextModel ctx, Object[] args, Optional<String> user) {
        JsonObject normal = normalise(ctx, args);
        List<String> digests = new ArrayList<>();
        for (List<String> group : rt.registry().groups(ctx.name())) {
            digests.add(digest(ctx, normal, group));
        }
        Optional<String> token = ctx.scope() == Scope.USER ? user.map(rt.keys()::userToken) : Optional.empty();
        return CounterNames.forEntry(ctx.name(), token, digests);
    }

    /** @return the one counter whose increment purges the entries of {@code ctx} matching {@code params} */
    String forPurge(ContextModel ctx, Collection<String> names, JsonObject params) {
        if (names.isEmpty()) {
            return CounterNames.context(ctx.name());
        }
        List<String> group = names.stream().sorted().toList();
        if (!rt.registry().groups(ctx.name()).contains(group)) {
            group = List.of(group.get(0)); // no counter for this combination: purge by one of its params (a superset)
        }
        return CounterNames.group(ctx.name(), digest(ctx, params, group));
    }

    /** @return the JSON value of an argument as Mizan's JSON-B writes it */
    JsonValue toJson(Object arg) {
        Jsonb jsonb = rt.jsonb();
        return JSON.createReader(new StringReader(jsonb.toJson(arg))).readValue();
    }

    private JsonObject normalise(ContextModel ctx, Object[] args) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        for (ParamModel p : ctx.params()) {
            Object arg = args[p.index()];
            if (arg != null) {
                b.add(p.name(), toJson(arg));
            }
        }
        return b.build();
    }

    private String digest(ContextModel ctx, JsonObject params, List<String> group) {
        return CacheKeys.digest(rt.canonicalizer().canonicalSubset(params, group, types(ctx)));
    }

    Map<String, String> types(ContextModel ctx) {
        return typesByContext.computeIfAbsent(ctx.name(), n -> {
            Map<String, String> m = new java.util.HashMap<>();
            ctx.params().forEach(p -> m.put(p.name(), p.stringTyped() ? "string" : p.schema().getString("type", "object")));
            return Map.copyOf(m);
        });
    }
}
