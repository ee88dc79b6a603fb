package dev.mizan.cdi.internal.runtime;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON property names of an application class that JSON-B binds, with the Java type each lands
 * in, as Mizan's JSON-B configuration names them (no naming strategy: a record component's or field's
 * own name, or its {@code @JsonbProperty}). Looked up once per class.
 */
final class BoundProperties {

    private static final ClassValue<Map<String, Type>> PROPERTIES = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> type) {
            try {
                return Map.copyOf(read(type));
            } catch (LinkageError | RuntimeException e) {
                // a member whose type cannot be loaded or resolved: nothing is checked inside this class,
                // and JSON-B reports what it cannot bind, as it would without Mizan
                return Map.of();
            }
        }
    };

    private BoundProperties() {
    }

    /** @return JSON name to Java type; empty for the JDK's own classes, which are not bound property by property */
    static Map<String, Type> of(Class<?> type) {
        return PROPERTIES.get(type);
    }

    private static Map<String, Type> read(Class<?> type) {
        Map<String, Type> properties = new LinkedHashMap<>();
        if (type.isPrimitive() || type.isArray() || type.isEnum() || type.isInterface() || type.getName().startsWith("java.")) {
            return properties;
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getAccessor().getAnnotation(JsonbTransient.class) == null) {
                    properties.put(name(c.getAccessor().getAnnotation(JsonbProperty.class), c.getName()), c.getGenericType());
                }
            }
            return properties;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())
                        && f.getAnnotation(JsonbTransient.class) == null) {
                    properties.putIfAbsent(name(f.getAnnotation(JsonbProperty.class), f.getName()), f.getGenericType());
                }
            }
        }
        return properties;
    }

    private static String name(JsonbProperty property, String own) {
        return property == null || property.value().isEmpty() ? own : property.value();
    }
}
