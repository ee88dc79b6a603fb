package dev.mizan.cdi.internal.registry;

import dev.mizan.Scope;
import dev.mizan.cdi.internal.model.ContextModel;
import dev.mizan.cdi.internal.model.FunctionModel;
import dev.mizan.cdi.internal.model.InvalidationModel;
import jakarta.json.JsonObject;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Mizan discovered, validated and built at deployment; immutable. Knows no HTTP.
 *
 * @param contexts      contexts by name (sorted)
 * @param functions     functions by name (sorted)
 * @param invalidations every {@code @Invalidates} site, by method (what the interceptor looks up)
 * @param groups        per context, the param-name groups that get their own purge counter
 * @param schema        the schema document (docs/reference/schema.md)
 * @param schemaHash    its hash
 */
public record Registry(Map<String, ContextModel> contexts, Map<String, FunctionModel> functions,
                       Map<Method, List<InvalidationModel>> invalidations, Map<String, List<List<String>>> groups,
                       JsonObject schema, String schemaHash) {

    /** Copies the maps. */
    public Registry {
        contexts = Map.copyOf(contexts);
        functions = Map.copyOf(functions);
        invalidations = Map.copyOf(invalidations);
        groups = Map.copyOf(groups);
    }

    /** @return the context of that name */
    public Optional<ContextModel> context(String name) {
        return Optional.ofNullable(contexts.get(name));
    }

    /** @return the function of that name */
    public Optional<FunctionModel> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** @return contexts sorted by name */
    public Collection<ContextModel> sortedContexts() {
        return contexts.values().stream().sorted(java.util.Comparator.comparing(ContextModel::name)).toList();
    }

    /** @return functions sorted by name */
    public Collection<FunctionModel> sortedFunctions() {
        return functions.values().stream().sorted(java.util.Comparator.comparing(FunctionModel::name)).toList();
    }

    /**
     * @return the names of the USER-scope contexts, sorted: what a purge of one user's entries makes stale
     *         ({@code Invalidation.user}, a sign-out), for its call's {@code invalidate} list and its events
     */
    public List<String> userContextNames() {
        return contexts.values().stream().filter(c -> c.scope() == Scope.USER).map(ContextModel::name).sorted().toList();
    }

    /** @return the purge groups of a context (each a sorted list of param names) */
    public List<List<String>> groups(String context) {
        return groups.getOrDefault(context, List.of());
    }
}
