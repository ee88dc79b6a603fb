package dev.mizan.cdi.internal.runtime;

import dev.mizan.Scope;
import dev.mizan.cdi.internal.cache.ContextCounterNames;
import dev.mizan.cdi.internal.key.CacheKeys;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.ParamModel;
import static dev.mizan.cdi.internal.json.JsonProviders.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import dev.mizan.cdi.internal.registry.Registry;
import dev.mizan.cdi.internal.key.ParamCanonicalizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the generation counters of an entry and of a purge (docs/internals/cache-design.md). Param values are normalised
 * through Mizan's JSON-B (bound to their Java type and written back), so a purge computed from Java
 * arguments hits exactly the entries read with the same values over the wire.
 */
final class PurgeCounters {

    private final Registry registry;
    private final CacheKeys keys;
    private final ParamCanonicalizer canonicalizer;
    private final Jsonb jsonb;
    private final Map<String, Planned> plans;

    /** A context's plan and counter names, built at deployment. */
    private record Planned(OperationPlan plan, ContextCounterNames names) {
    }

    PurgeCounters(MizanRuntime rt) {
        this.registry = rt.registry();
        this.keys = rt.keys();
        this.canonicalizer = rt.canonicalizer();
        this.jsonb = rt.jsonb();
        Map<String, Planned> byContext = new HashMap<>();
        for (ContextModel ctx : registry.contexts().values()) {
            byContext.put(ctx.name(), new Planned(OperationPlan.of(ctx.params(), ctx.method().getParameterCount(), registry.groups(ctx.name())),
                    ContextCounterNames.of(ctx.name())));
        }
        this.plans = Map.copyOf(byContext);
    }

    /** @return the plan of a context, computed at deployment */
    OperationPlan plan(ContextModel ctx) {
        return plans.get(ctx.name()).plan();
    }

    /** @return the counter names of a context, built at deployment */
    ContextCounterNames names(ContextModel ctx) {
        return plans.get(ctx.name()).names();
    }

    /** @return the counters an entry of {@code ctx} read with {@code args} is stamped with */
    List<String> forEntry(ContextModel ctx, Object[] args, Optional<String> user) {
        Planned planned = plans.get(ctx.name());
        OperationPlan plan = planned.plan();
        List<String> digests = List.of();
        if (!plan.groups().isEmpty()) {
            JsonObject normal = normalise(plan, args);
            digests = new ArrayList<>(plan.groups().size());
            for (List<String> group : plan.groups()) {
                digests.add(digest(plan, normal, group));
            }
        }
        Optional<String> token = ctx.scope() == Scope.USER ? user.map(keys::userToken) : Optional.empty();
        return planned.names().forEntry(token, digests);
    }

    /**
     * @return the params whose counter a purge of {@code ctx} naming {@code names} increments: a purge
     *         group, or one of its params where no group has exactly those (a superset); empty for the
     *         context's counter. Known at deployment for an {@code @Invalidates}.
     */
    List<String> purgeGroup(ContextModel ctx, Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> group = names.stream().sorted().toList();
        return plan(ctx).groups().contains(group) ? group : List.of(group.get(0));
    }

    /** @return the one counter whose increment purges the entries of {@code ctx} matching {@code params} in {@link #purgeGroup} */
    String forPurge(ContextModel ctx, List<String> group, JsonObject params) {
        Planned planned = plans.get(ctx.name());
        return group.isEmpty() ? planned.names().context() : planned.names().group(digest(planned.plan(), params, group));
    }

    /** @return the JSON value of any object as Mizan's JSON-B writes it (in-process params of unknown type) */
    JsonValue toJson(Object arg) {
        return ParamCodec.viaJsonb(arg, jsonb);
    }

    /**
     * @return the JSON value of an argument of any type for the context's param {@code name} (the
     *         Invalidation API), sorted where the param is a set, as its entries' counters are
     */
    JsonValue toJsonFor(ContextModel ctx, String name, Object arg) {
        ParamCodec codec = plan(ctx).codec(name);
        Object bound;
        try {
            // bound to the param's type, then written as a read's argument is: the same normal form, so the
            // same counter; a value of another type ("3" for a long) would name a counter no entry has
            bound = codec.bind(toJson(arg), jsonb);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("MZCDI01016: " + arg.getClass().getName() + " value for param '" + name
                    + "' of context '" + ctx.name() + "' does not convert to the param's type (" + e.getClass().getSimpleName()
                    + "); pass a value of that type", e);
        }
        return codec.normal(bound, jsonb);
    }

    /** @return whether the context's param {@code name} is a set (its elements' order tells nothing) */
    boolean unordered(ContextModel ctx, String name) {
        return plan(ctx).codec(name).unordered();
    }

    /** Only the params some purge group names: the others never name a counter. */
    private JsonObject normalise(OperationPlan plan, Object[] args) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        List<ParamModel> params = plan.params();
        for (int i = 0; i < params.size(); i++) {
            ParamModel p = params.get(i);
            Object arg = args[p.index()];
            if (arg != null && plan.grouped().contains(p.name())) {
                b.add(p.name(), plan.codecs()[i].normal(arg, jsonb));
            }
        }
        return b.build();
    }

    private String digest(OperationPlan plan, JsonObject params, List<String> group) {
        return CacheKeys.digest(canonicalizer.canonicalSubset(params, group, plan.schemaTypes()));
    }

    Map<String, String> types(ContextModel ctx) {
        return plan(ctx).schemaTypes();
    }
}
