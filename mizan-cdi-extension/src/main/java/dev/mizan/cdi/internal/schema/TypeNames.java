package dev.mizan.cdi.internal.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Names of the types under the schema's {@code types}.
 *
 * <p>Rules: a class is named by its simple name ({@code Todo}); a generic type by its raw name followed
 * by its arguments, each joined with {@code _} ({@code Page<Todo>} is {@code Page_Todo},
 * {@code Page<List<Todo>>} is {@code Page_List_Todo}, {@code Result<Map<String,Long>>} is
 * {@code Result_Map_String_Long}, {@code Page<Todo[]>} is {@code Page_Array_Todo}); primitives read as
 * their wrappers ({@code long} is {@code Long}). When another class already holds a name, the newcomer is
 * qualified by its enclosing classes and then by its package segments, innermost first
 * ({@code com.acme.billing.Item} becomes {@code billing_Item}), and as a last resort numbered
 * ({@code Item_2}). Which of two clashing classes keeps the plain name depends on which one is mapped
 * first, so callers map types in a stable order (by context and function name).
 */
final class TypeNames {

    private final Map<String, String> nameByKey = new HashMap<>();
    private final Map<String, String> keyByName = new HashMap<>();

    /** @return the name of a named type (a record, bean or enum, possibly parameterized), reserving it */
    String nameOf(Type type) {
        String key = GenericTypes.key(type);
        String known = nameByKey.get(key);
        if (known != null) {
            return known;
        }
        String suffix = type instanceof ParameterizedType p ? argumentSuffix(p) : "";
        String name = null;
        for (String candidate : candidates(GenericTypes.rawClass(type))) {
            if (!keyByName.containsKey(candidate + suffix)) {
                name = candidate + suffix;
                break;
            }
        }
        if (name == null) {
            String base = GenericTypes.rawClass(type).getSimpleName() + suffix;
            int n = 2;
            while (keyByName.containsKey(base + "_" + n)) {
                n++;
            }
            name = base + "_" + n;
        }
        nameByKey.put(key, name);
        keyByName.put(name, key);
        return name;
    }

    private String argumentSuffix(ParameterizedType type) {
        return Arrays.stream(type.getActualTypeArguments()).map(this::label).collect(Collectors.joining("_", "_", ""));
    }

    // how a type reads inside another type's name
    private String label(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isPrimitive()) {
                return wrapperName(c);
            }
            if (c.isArray()) {
                return "Array_" + label(c.getComponentType());
            }
            return TypeSchemas.isNamed(c) ? nameOf(c) : c.getSimpleName();
        }
        if (type instanceof GenericArrayType a) {
            return "Array_" + label(a.getGenericComponentType());
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            return TypeSchemas.isNamed(raw) ? nameOf(p) : raw.getSimpleName() + argumentSuffix(p);
        }
        return type.getTypeName();
    }

    // Item, Outer_Item, billing_Outer_Item, acme_billing_Outer_Item, ...
    private static List<String> candidates(Class<?> type) {
        List<String> candidates = new ArrayList<>();
        String name = type.getSimpleName();
        candidates.add(name);
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName() + "_" + name;
            candidates.add(name);
        }
        String packageName = type.getPackageName();
        if (!packageName.isEmpty()) {
            String[] segments = packageName.split("\\.");
            for (int i = segments.length - 1; i >= 0; i--) {
                name = segments[i] + "_" + name;
                candidates.add(name);
            }
        }
        return candidates;
    }

    private static String wrapperName(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> "Integer";
            case "char" -> "Character";
            default -> Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
        };
    }
}
