package dev.mizan.cdi.internal.schema;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbVisibility;
import jakarta.json.bind.config.PropertyVisibilityStrategy;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The properties JSON-B writes for a record or bean, found the way Yasson 3 finds them
 * ({@code ClassParser}, {@code PropertyModel}): declared fields and getters ({@code getX}/{@code isX};
 * for records the component accessors, by their own names), default getters of interfaces, merged with
 * the superclass's; a property is read through a visible getter, else through a public field (and only
 * when there is no hidden getter); {@code transient}/{@code static} fields and {@code @JsonbTransient}
 * are skipped; {@code @JsonbVisibility} on the class or package replaces the public-only rule;
 * {@code @JsonbProperty} on the getter, else the field, renames. Setters never matter for output.
 */
final class BeanProperties {

    /**
     * One property as written.
     *
     * @param name     the JSON member name
     * @param type     the Java type written, type variables resolved against the owner
     * @param sources  field and getter, for annotations (field first, as Yasson looks them up)
     * @param nillable {@code @JsonbNillable} or {@code @JsonbProperty(nillable=true)}: null is written, not left out
     */
    record BeanProperty(String name, Type type, List<AnnotatedElement> sources, boolean nillable) {

        <A extends Annotation> Optional<A> annotation(Class<A> type) {
            return sources.stream().map(s -> s.getAnnotation(type)).filter(Objects::nonNull).findFirst();
        }
    }

    /** Field and getter of one property name at one level of the hierarchy. */
    private static final class Slot {
        final String name;
        Field field;
        Method getter;
        final List<Method> interfaceGetters = new ArrayList<>();
        boolean inheritedTransient;
        boolean readable;
        boolean viaGetter;

        Slot(String name) {
            this.name = name;
        }

        List<AnnotatedElement> annotationSources() {
            List<AnnotatedElement> sources = new ArrayList<>();
            if (field != null) {
                sources.add(field);
            }
            if (getter != null) {
                sources.add(getter);
            }
            sources.addAll(interfaceGetters);
            return sources;
        }

        boolean isTransient() {
            return inheritedTransient
                    || annotationSources().stream().anyMatch(s -> s.isAnnotationPresent(JsonbTransient.class));
        }
    }

    private BeanProperties() {
    }

    /**
     * @param owner a concrete class, or a parameterized type whose arguments are all known
     * @return the readable properties, in no particular order
     */
    static List<BeanProperty> of(Type owner) {
        Class<?> raw = GenericTypes.rawClass(owner);
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(owner);
        boolean classNillable = classNillable(raw);
        List<BeanProperty> properties = new ArrayList<>();
        for (Slot slot : parse(raw).values()) {
            if (!slot.readable || slot.isTransient()) {
                continue;
            }
            Type declared = slot.viaGetter ? slot.getter.getGenericReturnType() : slot.field.getGenericType();
            if (declared == void.class) {
                continue; // nothing to write
            }
            List<AnnotatedElement> sources = slot.annotationSources();
            properties.add(new BeanProperty(jsonName(slot), GenericTypes.resolve(declared, bindings), sources,
                    nillable(sources).orElse(classNillable)));
        }
        return properties;
    }

    private static Map<String, Slot> parse(Class<?> type) {
        Map<String, Slot> own = new LinkedHashMap<>();
        for (Field field : type.getDeclaredFields()) {
            if (!field.isSynthetic()) {
                own.computeIfAbsent(field.getName(), Slot::new).field = field;
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            boolean recordAccessor = type.isRecord() && method.getParameterCount() == 0
                    && method.getReturnType() != void.class && own.containsKey(method.getName());
            if ((recordAccessor || isGetter(method)) && !method.isBridge()) {
                // Yasson keeps record method names as they are (ClassMultiReleaseExtension)
                String name = type.isRecord() ? method.getName() : propertyName(method.getName());
                own.computeIfAbsent(name, Slot::new).getter = method;
            }
        }
        addInterfaceGetters(type, own);
        PropertyVisibilityStrategy strategy = visibility(type);
        Map<String, Slot> result = new LinkedHashMap<>();
        Class<?> parent = type.getSuperclass();
        if (parent != null && parent != Object.class) {
            for (Slot inherited : parse(parent).values()) {
                Slot current = own.get(inherited.name);
                if (current == null) {
                    result.put(inherited.name, inherited);
                } else {
                    own.put(inherited.name, merge(current, inherited));
                }
            }
        }
        for (Slot slot : own.values()) {
            slot.readable = isReadable(slot, strategy);
            slot.viaGetter = getterVisible(slot, strategy);
            result.put(slot.name, slot);
        }
        return result;
    }

    // ClassParser.parseIfaceMethodAnnotations: default getters count, annotations of interface getters apply
    private static void addInterfaceGetters(Class<?> type, Map<String, Slot> own) {
        for (Class<?> iface : interfaces(type)) {
            for (Method method : iface.getDeclaredMethods()) {
                if (!isGetter(method)) {
                    continue;
                }
                String name = propertyName(method.getName());
                Slot slot = own.get(name);
                if (method.isDefault()) {
                    if (slot == null) {
                        slot = new Slot(name);
                        own.put(name, slot);
                    }
                    if (slot.getter == null) {
                        slot.getter = method;
                    }
                }
                if (slot != null && slot.getter != method) {
                    slot.interfaceGetters.add(method);
                }
            }
        }
    }

    private static Set<Class<?>> interfaces(Class<?> type) {
        Set<Class<?>> collected = new LinkedHashSet<>();
        Deque<Class<?>> toScan = new ArrayDeque<>(Arrays.asList(type.getInterfaces()));
        while (!toScan.isEmpty()) {
            Class<?> next = toScan.poll();
            collected.add(next);
            toScan.addAll(Arrays.asList(next.getInterfaces()));
        }
        return collected;
    }

    private static Slot merge(Slot current, Slot inherited) {
        Slot merged = new Slot(current.name);
        merged.field = current.field != null ? current.field : inherited.field;
        merged.getter = current.getter == null || (current.getter.isDefault() && inherited.getter != null
                && !inherited.getter.isDefault()) ? inherited.getter : current.getter;
        merged.interfaceGetters.addAll(current.interfaceGetters);
        merged.inheritedTransient = inherited.isTransient();
        return merged;
    }

    // PropertyModel.createReadHandle with the default or the declared visibility strategy
    private static boolean isReadable(Slot slot, PropertyVisibilityStrategy strategy) {
        Field field = slot.field;
        if (field != null && (field.getModifiers() & (Modifier.TRANSIENT | Modifier.STATIC)) != 0) {
            return false;
        }
        if (getterVisible(slot, strategy)) {
            return true;
        }
        if (field == null) {
            return false;
        }
        return strategy != null
                ? strategy.isVisible(field)
                : (slot.getter == null || Modifier.isPublic(slot.getter.getModifiers())) && Modifier.isPublic(field.getModifiers());
    }

    private static boolean getterVisible(Slot slot, PropertyVisibilityStrategy strategy) {
        Method getter = slot.getter;
        if (getter == null || Modifier.isStatic(getter.getModifiers())) {
            return false;
        }
        return strategy != null ? strategy.isVisible(getter) : Modifier.isPublic(getter.getModifiers());
    }

    private static PropertyVisibilityStrategy visibility(Class<?> type) {
        JsonbVisibility annotation = type.getDeclaredAnnotation(JsonbVisibility.class);
        if (annotation == null && type.getPackage() != null) {
            annotation = type.getPackage().getDeclaredAnnotation(JsonbVisibility.class);
        }
        if (annotation == null) {
            return null;
        }
        try {
            var constructor = annotation.value().getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new UnmappableTypeException(type, "its @JsonbVisibility strategy " + annotation.value().getName()
                    + " cannot be instantiated (" + e + ")");
        }
    }

    private static String jsonName(Slot slot) {
        for (AnnotatedElement source : getterFirst(slot)) {
            JsonbProperty property = source.getAnnotation(JsonbProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        }
        return slot.name;
    }

    // AnnotationIntrospector.getJsonbPropertyCustomizedName: the getter's name wins over the field's
    private static List<AnnotatedElement> getterFirst(Slot slot) {
        List<AnnotatedElement> sources = new ArrayList<>();
        if (slot.getter != null) {
            sources.add(slot.getter);
        }
        sources.addAll(slot.interfaceGetters);
        if (slot.field != null) {
            sources.add(slot.field);
        }
        return sources;
    }

    @SuppressWarnings("deprecation") // JsonbProperty.nillable is deprecated but Yasson still honours it
    private static Optional<Boolean> nillable(List<AnnotatedElement> sources) {
        for (AnnotatedElement source : sources) {
            JsonbNillable nillable = source.getAnnotation(JsonbNillable.class);
            if (nillable != null) {
                return Optional.of(nillable.value());
            }
        }
        return sources.stream().map(s -> s.getAnnotation(JsonbProperty.class)).filter(Objects::nonNull)
                .findFirst().map(JsonbProperty::nillable);
    }

    private static boolean classNillable(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            JsonbNillable nillable = c.getAnnotation(JsonbNillable.class);
            if (nillable != null) {
                return nillable.value();
            }
        }
        JsonbNillable onPackage = type.getPackage() == null ? null : type.getPackage().getAnnotation(JsonbNillable.class);
        return onPackage != null && onPackage.value();
    }

    private static boolean isGetter(Method method) {
        String name = method.getName();
        return (name.startsWith("get") || name.startsWith("is")) && method.getParameterCount() == 0;
    }

    // ClassParser.toPropertyMethod + lowerFirstLetter ("URL" stays "URL", "Name" becomes "name")
    /** @return the Java property a getter ({@code getX}, {@code isX}) reads, as the JavaBeans rules name it */
    static String propertyName(String methodName) {
        String name = methodName.substring(methodName.startsWith("is") ? 2 : 3);
        if (name.isEmpty() || (name.length() > 1 && Character.isUpperCase(name.charAt(0))
                && Character.isUpperCase(name.charAt(1)))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
