package dev.mizan.cdi.internal.model;

import java.util.List;

/**
 * One {@code @Invalidates} on a method, resolved at deployment.
 *
 * @param context     the context made stale
 * @param params      the context's param names that narrow the purge (empty: every entry)
 * @param argIndexes  for each of {@code params}, the index of the method argument carrying its value
 */
public record InvalidationModel(String context, List<String> params, List<Integer> argIndexes) {

    /** Copies the lists. */
    public InvalidationModel {
        params = List.copyOf(params);
        argIndexes = List.copyOf(argIndexes);
    }
}
