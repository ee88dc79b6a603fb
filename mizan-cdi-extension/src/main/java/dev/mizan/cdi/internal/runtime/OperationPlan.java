package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.model.ParamModel;
import dev.mizan.cdi.internal.schema.NestedNumbers;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a read or call needs of an operation's params, computed once at deployment: params by name,
 * their schema types (for the canonical form), their codecs, the bounded numbers inside them, the
 * method's arity, and the params that name purge counters (docs/internals/read-and-call-paths.md).
 *
 * @param params        the params in declaration order
 * @param byName        the same, by wire name
 * @param codecs        each param's codec, by position in {@code params}
 * @param codecsByName  the same, by wire name (purges name their params)
 * @param nestedNumbers the integers and floating-point numbers inside each param, by position
 *                      ({@code null} where there are none)
 * @param schemaTypes   each param's JSON Schema type ({@code string} for raw-text params)
 * @param arity         the Java method's parameter count
 * @param groups        the purge groups (each a sorted list of param names); empty for functions
 * @param grouped       the params named in any group
 * @param absent        what each param is bound to when the request leaves it out, by position: an
 *                      empty {@code Optional} (or {@code OptionalInt}, ...) for those types, else null
 * @param canonicalText by position: whether the param is text for a type other than {@code String}
 *                      ({@code Instant}, {@code UUID}, ...), which must arrive as Mizan's JSON-B writes it
 */
record OperationPlan(List<ParamModel> params, Map<String, ParamModel> byName, ParamCodec[] codecs,
                     Map<String, ParamCodec> codecsByName,
                     NestedNumbers[] nestedNumbers, Map<String, String> schemaTypes, int arity, List<List<String>> groups,
                     Set<String> grouped, Object[] absent, boolean[] canonicalText) {

    static OperationPlan of(List<ParamModel> params, int arity, List<List<String>> groups) {
        Map<String, ParamModel> byName = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Map<String, ParamCodec> codecsByName = new HashMap<>();
        ParamCodec[] codecs = new ParamCodec[params.size()];
        NestedNumbers[] nestedNumbers = new NestedNumbers[params.size()];
        Object[] absent = new Object[params.size()];
        boolean[] canonicalText = new boolean[params.size()];
        for (int i = 0; i < params.size(); i++) {
            ParamModel p = params.get(i);
            byName.put(p.name(), p);
            types.put(p.name(), p.stringTyped() ? "string" : p.schema().getString("type", "object"));
            codecs[i] = ParamCodec.of(p.type());
            codecsByName.put(p.name(), codecs[i]);
            nestedNumbers[i] = NestedNumbers.inside(p.type());
            absent[i] = absent(p.type());
            canonicalText[i] = p.stringTyped() && p.type() != String.class;
        }
        Set<String> grouped = new HashSet<>();
        groups.forEach(grouped::addAll);
        return new OperationPlan(List.copyOf(params), Map.copyOf(byName), codecs, Map.copyOf(codecsByName), nestedNumbers, Map.copyOf(types), arity,
                List.copyOf(groups), Set.copyOf(grouped), absent, canonicalText);
    }

    /** An {@code Optional} param left out is empty, never null: the method may call {@code orElse} on it. */
    private static Object absent(java.lang.reflect.Type type) {
        Object raw = type instanceof java.lang.reflect.ParameterizedType p ? p.getRawType() : type;
        if (raw == java.util.Optional.class) {
            return java.util.Optional.empty();
        }
        if (raw == java.util.OptionalInt.class) {
            return java.util.OptionalInt.empty();
        }
        if (raw == java.util.OptionalLong.class) {
            return java.util.OptionalLong.empty();
        }
        return raw == java.util.OptionalDouble.class ? java.util.OptionalDouble.empty() : null;
    }

    /** @return the codec of the param named {@code name} */
    ParamCodec codec(String name) {
        return codecsByName.get(name);
    }
}
