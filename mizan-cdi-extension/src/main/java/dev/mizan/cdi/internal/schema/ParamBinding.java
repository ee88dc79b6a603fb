package dev.mizan.cdi.internal.schema;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbVisibility;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether JSON-B can create a param's value from what a client sends, checked at deployment
 * (docs/reference/annotations.md, "Names and types"): a class of the application inside the param
 * must be a record, or have a public or protected no-argument constructor or a {@code @JsonbCreator};
 * and, when JSON-B fills it through setters, every property the schema shows must be settable, or a
 * value sent for it would be dropped without a word. The schema itself describes what JSON-B writes.
 */
public final class ParamBinding {

    private ParamBinding() {
    }

    /**
     * @param type a param's Java type, already mapped by {@link TypeSchemas}
     * @return why JSON-B could not bind it, or empty
     */
    public static Optional<String> problem(Type type) {
        return walk(type, new HashSet<>());
    }

    private static Optional<String> walk(Type type, Set<Class<?>> seen) {
        if (type instanceof GenericArrayType array) {
            return walk(array.getGenericComponentType(), seen);
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                Optional<String> problem = walk(argument, seen);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        if (!(type instanceof Class<?> || type instanceof ParameterizedType)) {
            return Optional.empty(); // wildcards and type variables: TypeSchemas refused them already
        }
        Class<?> raw = GenericTypes.rawClass(type);
        if (raw.isArray()) {
            return walk(raw.getComponentType(), seen);
        }
        if (raw.isPrimitive() || raw.isEnum() || raw.isInterface() || platform(raw) || !seen.add(raw)) {
            return Optional.empty();
        }
        if (raw.isRecord()) {
            for (var component : raw.getRecordComponents()) {
                Optional<String> problem = walk(component.getGenericType(), seen);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }
        boolean creator = Arrays.stream(raw.getDeclaredConstructors()).anyMatch(c -> c.isAnnotationPresent(JsonbCreator.class))
                || Arrays.stream(raw.getDeclaredMethods()).anyMatch(m -> Modifier.isStatic(m.getModifiers())
                        && m.isAnnotationPresent(JsonbCreator.class));
        if (!creator && !hasNoArgConstructor(raw)) {
            return Optional.of(raw.getName() + " has no public or protected no-argument constructor and no @JsonbCreator,"
                    + " so JSON-B cannot create it");
        }
        boolean ownVisibility = raw.isAnnotationPresent(JsonbVisibility.class)
                || raw.getPackage() != null && raw.getPackage().isAnnotationPresent(JsonbVisibility.class);
        for (BeanProperties.BeanProperty property : BeanProperties.of(type)) {
            if (!creator && !ownVisibility && !settable(raw, property)) {
                return Optional.of("property '" + property.name() + "' of " + raw.getName() + " has no setter and no"
                        + " public field, so a value sent for it would be dropped (add a setter, or make it a record)");
            }
            Optional<String> problem = walk(property.type(), seen);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Classes of the platform (java.*, jakarta.*): JSON-B maps them itself, or TypeSchemas refused them. */
    private static boolean platform(Class<?> raw) {
        String name = raw.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.");
    }

    private static boolean hasNoArgConstructor(Class<?> raw) {
        if (Modifier.isAbstract(raw.getModifiers())) {
            return true; // not this check's to judge: JSON-B refuses it, as it would anything abstract
        }
        try {
            Constructor<?> c = raw.getDeclaredConstructor();
            return Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A public setter of the Java property, or a public field that is not final. */
    private static boolean settable(Class<?> raw, BeanProperties.BeanProperty property) {
        for (AnnotatedElement source : property.sources()) {
            String javaName = source instanceof Field f ? f.getName()
                    : source instanceof Method m ? BeanProperties.propertyName(m.getName()) : null;
            if (javaName == null) {
                continue;
            }
            if (source instanceof Field f && Modifier.isPublic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())) {
                return true;
            }
            String setter = "set" + javaName.substring(0, 1).toUpperCase(Locale.ROOT) + javaName.substring(1);
            for (Method m : raw.getMethods()) {
                if (m.getName().equals(setter) && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())) {
                    return true;
                }
            }
        }
        return false;
    }
}
