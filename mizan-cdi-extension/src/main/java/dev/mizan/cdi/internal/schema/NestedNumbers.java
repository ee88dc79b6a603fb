package dev.mizan.cdi.internal.schema;

import dev.mizan.cdi.internal.json.NumberTypes;
import dev.mizan.cdi.internal.schema.BeanProperties.BeanProperty;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where numbers of a bounded Java type sit inside a param's JSON (a record's {@code int}, a
 * {@code List<Long>}'s elements, a map's {@code Double} values), found once at deployment from the same
 * type mapping as the schema ({@link BeanProperties}: JSON names, type variables resolved). Each must
 * fit its type exactly (docs/reference/security.md, "Limits"): JSON-B binds an integer by truncating
 * {@code 1.5} to {@code 1} and wrapping {@code 3000000000} into an {@code int}, and a {@code double}
 * of {@code 1e400} as {@code Infinity}. The tree holds only the branches that lead to such a number;
 * a param that is itself an integer or floating-point type is {@code NumberFit}'s.
 */
public final class NestedNumbers {

    /** On a leaf: the bounded Java number type there ({@link NumberTypes#bounded}); {@code null} on a branch. */
    private final Class<?> leaf;
    private NestedNumbers elements;
    private NestedNumbers values;
    private final Map<String, NestedNumbers> properties = new HashMap<>();

    private NestedNumbers(Class<?> leaf) {
        this.leaf = leaf;
    }

    /** @return the checks inside a param of {@code type}, or {@code null} when no bounded number can be inside it */
    public static NestedNumbers inside(Type type) {
        if (NumberTypes.bounded(type)) {
            return null; // the param itself: NumberFit checks it
        }
        NestedNumbers root = new Builder().node(type);
        return root == null || root.empty() ? null : root;
    }

    /** @return what is wrong, fit to show the client, or {@code null} */
    public String problem(JsonValue v) {
        if (leaf != null) {
            return v instanceof JsonNumber n && !NumberTypes.fits(leaf, n.bigDecimalValue())
                    ? "holds a number that is not a valid " + name(leaf) : null;
        }
        if (elements != null && v instanceof JsonArray array) {
            for (JsonValue item : array) {
                String problem = elements.problem(item);
                if (problem != null) {
                    return problem;
                }
            }
        }
        if (v instanceof JsonObject object) {
            if (values != null) {
                for (JsonValue item : object.values()) {
                    String problem = values.problem(item);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            for (Map.Entry<String, NestedNumbers> property : properties.entrySet()) {
                JsonValue item = object.get(property.getKey());
                String problem = item == null ? null : property.getValue().problem(item);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String name(Class<?> leaf) {
        return NumberTypes.integral(leaf) ? leaf.getSimpleName() : NumberTypes.floatingName(leaf);
    }

    private boolean empty() {
        return leaf == null && elements == null && values == null && properties.isEmpty();
    }

    /** Builds the tree; a type met again (a recursive record) shares its node, filled once. */
    private static final class Builder {
        private final Map<String, NestedNumbers> named = new HashMap<>();
        /** Nodes still being filled: one met again inside itself may gain checks yet, so it is kept. */
        private final Set<NestedNumbers> filling = Collections.newSetFromMap(new IdentityHashMap<>());

        NestedNumbers node(Type type) {
            if (NumberTypes.bounded(type)) {
                return new NestedNumbers((Class<?>) type);
            }
            Class<?> raw = GenericTypes.rawClass(type);
            if (raw == null || !GenericTypes.isFullyResolved(type)) {
                return null;
            }
            if (raw == Optional.class && type instanceof ParameterizedType p) {
                return node(p.getActualTypeArguments()[0]);
            }
            if (raw.isArray()) {
                return container(type instanceof GenericArrayType array ? array.getGenericComponentType() : raw.getComponentType(), null);
            }
            Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);
            if (Collection.class.isAssignableFrom(raw)) {
                return container(bindings.get(Collection.class.getTypeParameters()[0]), null);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return container(null, bindings.get(Map.class.getTypeParameters()[1]));
            }
            if (!TypeSchemas.isNamed(raw) || raw.isEnum() || raw.isInterface() || Modifier.isAbstract(raw.getModifiers())
                    || customised(raw)) {
                return null;
            }
            String key = GenericTypes.key(type);
            NestedNumbers known = named.get(key);
            if (known != null) {
                return known;
            }
            NestedNumbers node = new NestedNumbers(null);
            named.put(key, node);
            filling.add(node);
            for (BeanProperty property : BeanProperties.of(type)) {
                // an adapter or deserializer reads the JSON its own way: nothing to hold it to
                boolean custom = property.annotation(JsonbTypeAdapter.class).isPresent()
                        || property.annotation(JsonbTypeDeserializer.class).isPresent();
                NestedNumbers child = custom ? null : node(property.type());
                if (useful(child)) {
                    node.properties.put(property.name(), child);
                }
            }
            filling.remove(node);
            return node;
        }

        private static boolean customised(Class<?> type) {
            return type.isAnnotationPresent(JsonbTypeAdapter.class) || type.isAnnotationPresent(JsonbTypeDeserializer.class);
        }

        private boolean useful(NestedNumbers node) {
            return node != null && (!node.empty() || filling.contains(node));
        }

        private NestedNumbers container(Type element, Type value) {
            NestedNumbers inner = element != null ? node(element) : value != null ? node(value) : null;
            if (!useful(inner)) {
                return null;
            }
            NestedNumbers node = new NestedNumbers(null);
            if (element != null) {
                node.elements = inner;
            } else {
                node.values = inner;
            }
            return node;
        }
    }
}
