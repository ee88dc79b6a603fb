package dev.mizan.cdi.internal.schema;

import dev.mizan.cdi.internal.json.IntegerTypes;
import dev.mizan.cdi.internal.schema.BeanProperties.BeanProperty;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where whole numbers sit inside a param's JSON (a record's {@code int}, a {@code List<Long>}'s
 * elements, a map's {@code Integer} values), found once at deployment from the same type mapping as
 * the schema ({@link BeanProperties}: JSON names, type variables resolved). Each must be integral and
 * within its Java type's range (docs/reference/security.md, "Limits"): JSON-B binds them by truncating
 * {@code 1.5} to {@code 1} and wrapping {@code 3000000000} into an {@code int}. The tree holds only
 * the branches that lead to an integer; the param itself is {@code NumberFit}'s.
 */
public final class WholeNumbers {

    /** Set on a leaf: the position holds an integer type with this maximum. */
    private final BigInteger max;
    private WholeNumbers elements;
    private WholeNumbers values;
    private final Map<String, WholeNumbers> properties = new HashMap<>();

    private WholeNumbers(BigInteger max) {
        this.max = max;
    }

    /** @return the checks inside a param of {@code type}, or {@code null} when no integer can be inside it */
    public static WholeNumbers inside(Type type) {
        WholeNumbers root = new Builder().node(type);
        return root == null || root.max != null || root.empty() ? null : root;
    }

    /** @return what is wrong, fit to show the client, or {@code null} */
    public String problem(JsonValue v) {
        if (max != null) {
            return v instanceof JsonNumber n && !IntegerTypes.fits(n.bigDecimalValue(), max)
                    ? "holds a number that is not a whole number within its type's range" : null;
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
            for (Map.Entry<String, WholeNumbers> property : properties.entrySet()) {
                JsonValue item = object.get(property.getKey());
                String problem = item == null ? null : property.getValue().problem(item);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private boolean empty() {
        return max == null && elements == null && values == null && properties.isEmpty();
    }

    /** Builds the tree; a type met again (a recursive record) shares its node, filled once. */
    private static final class Builder {
        private final Map<String, WholeNumbers> named = new HashMap<>();
        /** Nodes still being filled: one met again inside itself may gain checks yet, so it is kept. */
        private final Set<WholeNumbers> filling = Collections.newSetFromMap(new IdentityHashMap<>());

        WholeNumbers node(Type type) {
            BigInteger max = IntegerTypes.max(type);
            if (max != null) {
                return new WholeNumbers(max);
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
                    || raw.isAnnotationPresent(JsonbTypeAdapter.class)) {
                return null;
            }
            String key = GenericTypes.key(type);
            WholeNumbers known = named.get(key);
            if (known != null) {
                return known;
            }
            WholeNumbers node = new WholeNumbers(null);
            named.put(key, node);
            filling.add(node);
            for (BeanProperty property : BeanProperties.of(type)) {
                WholeNumbers child = property.annotation(JsonbTypeAdapter.class).isPresent() ? null : node(property.type());
                if (useful(child)) {
                    node.properties.put(property.name(), child);
                }
            }
            filling.remove(node);
            return node;
        }

        private boolean useful(WholeNumbers node) {
            return node != null && (!node.empty() || filling.contains(node));
        }

        private WholeNumbers container(Type element, Type value) {
            WholeNumbers inner = element != null ? node(element) : value != null ? node(value) : null;
            if (!useful(inner)) {
                return null;
            }
            WholeNumbers node = new WholeNumbers(null);
            if (element != null) {
                node.elements = inner;
            } else {
                node.values = inner;
            }
            return node;
        }
    }
}
