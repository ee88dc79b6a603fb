package dev.mizan.cdi.internal.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Resolves type variables through a class hierarchy, so {@code Page<Todo>.items} reads as {@code List<Todo>}. */
public final class GenericTypes {

    private GenericTypes() {
    }

    /** @return the class behind a class, parameterized type or generic array; {@code null} otherwise */
    public static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType a) {
            Class<?> component = rawClass(a.getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        return null;
    }

    /**
     * @param owner a class or parameterized type
     * @return every type variable of its class, superclasses and interfaces, bound to what {@code owner}
     *         and the {@code extends}/{@code implements} clauses say
     */
    public static Map<TypeVariable<?>, Type> bindings(Type owner) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        collect(owner, bindings);
        return bindings;
    }

    private static void collect(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type);
        if (raw == null || raw == Object.class) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                bindings.put(vars[i], resolve(args[i], bindings));
            }
        }
        if (raw.getGenericSuperclass() != null) {
            collect(resolve(raw.getGenericSuperclass(), bindings), bindings);
        }
        for (Type iface : raw.getGenericInterfaces()) {
            collect(resolve(iface, bindings), bindings);
        }
    }

    /** @return {@code type} with every bound variable replaced; unbound variables stay */
    public static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v) {
            return bindings.getOrDefault(v, v);
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = Arrays.stream(p.getActualTypeArguments()).map(a -> resolve(a, bindings)).toArray(Type[]::new);
            return new Parameterized((Class<?>) p.getRawType(), args, p.getOwnerType());
        }
        if (type instanceof GenericArrayType a) {
            Type component = resolve(a.getGenericComponentType(), bindings);
            return component instanceof Class<?> c ? c.arrayType() : new GenericArray(component);
        }
        return type;
    }

    /** @return a stable identity for a type: binary class names, arguments in angle brackets */
    static String key(Type type) {
        if (type instanceof Class<?> c) {
            return c.getName();
        }
        if (type instanceof ParameterizedType p) {
            return key(p.getRawType()) + Arrays.stream(p.getActualTypeArguments())
                    .map(GenericTypes::key).collect(Collectors.joining(",", "<", ">"));
        }
        if (type instanceof GenericArrayType a) {
            return key(a.getGenericComponentType()) + "[]";
        }
        return type.getTypeName();
    }

    /** @return whether the type mentions a type variable or wildcard anywhere */
    static boolean isFullyResolved(Type type) {
        if (type instanceof Class<?>) {
            return true;
        }
        if (type instanceof ParameterizedType p) {
            return Arrays.stream(p.getActualTypeArguments()).allMatch(GenericTypes::isFullyResolved);
        }
        if (type instanceof GenericArrayType a) {
            return isFullyResolved(a.getGenericComponentType());
        }
        return !(type instanceof TypeVariable<?>) && !(type instanceof WildcardType);
    }

    /** Equal to the JDK's own implementation (same {@code equals}/{@code hashCode} contract). */
    record Parameterized(Class<?> raw, Type[] args, Type owner) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && raw.equals(p.getRawType())
                    && Objects.equals(owner, p.getOwnerType()) && Arrays.equals(args, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(args) ^ Objects.hashCode(owner) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return key(this);
        }
    }

    /** A generic array whose component is still generic. */
    record GenericArray(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public String toString() {
            return key(this);
        }
    }
}
