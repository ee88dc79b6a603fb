package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.discovery.AnnotationNames;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether Bean Validation could find a parameter constraint on a method, decided from the annotations
 * alone, so a method without any is never handed to the validator (asking it builds the validation
 * metadata of the whole bean class, which the first call of a context paid). Conservative: any
 * annotation on a parameter, on its type's arguments or on a same-signature method of a supertype
 * that is not Mizan's own, or a cross-parameter constraint on the method, sends the method to the
 * validator, which has the last word. Constraints declared in XML are invisible here, so with a
 * {@code META-INF/validation.xml} every method goes to the validator.
 */
final class ConstraintHints {

    private static final String CONSTRAINT = "jakarta.validation.Constraint";

    private ConstraintHints() {
    }

    /** @return false only when the method certainly has no parameter constraint that annotations declare */
    static boolean mayBeConstrained(Method method) {
        for (Method m : sameSignature(method)) {
            for (Parameter p : m.getParameters()) {
                if (foreign(p.getAnnotations()) || foreign(p.getAnnotatedType())) {
                    return true;
                }
            }
            for (Annotation a : m.getAnnotations()) {
                if (constraint(a.annotationType()) || constraintContainer(a.annotationType())) {
                    return true; // a cross-parameter constraint
                }
            }
        }
        return false;
    }

    /** @return whether the class loader sees a {@code META-INF/validation.xml} (which may declare constraints) */
    static boolean xmlConfigured(ClassLoader loader) {
        return loader != null && loader.getResource("META-INF/validation.xml") != null;
    }

    /** The method and every method of its class or a supertype it may override (Bean Validation merges their constraints). */
    private static Set<Method> sameSignature(Method method) {
        Set<Method> found = new HashSet<>();
        found.add(method);
        Deque<Class<?>> types = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        types.add(method.getDeclaringClass());
        while (!types.isEmpty()) {
            Class<?> type = types.poll();
            if (type == Object.class || !seen.add(type)) {
                continue;
            }
            for (Method candidate : type.getDeclaredMethods()) {
                if (mayOverride(candidate, method)) {
                    found.add(candidate);
                }
            }
            if (type.getSuperclass() != null) {
                types.add(type.getSuperclass());
            }
            types.addAll(java.util.List.of(type.getInterfaces()));
        }
        return found;
    }

    /**
     * Same name, and each parameter type the same as or a supertype of the method's: a method of a generic
     * supertype ({@code save(T item)} implemented as {@code save(Item item)}) has another erased signature.
     * An overload that merely accepts wider types counts too; the validator sorts that out.
     */
    private static boolean mayOverride(Method candidate, Method method) {
        if (!candidate.getName().equals(method.getName()) || candidate.getParameterCount() != method.getParameterCount()
                || java.lang.reflect.Modifier.isStatic(candidate.getModifiers())) {
            return false;
        }
        Class<?>[] theirs = candidate.getParameterTypes();
        Class<?>[] ours = method.getParameterTypes();
        for (int i = 0; i < ours.length; i++) {
            if (!theirs[i].isAssignableFrom(ours[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean foreign(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (!a.annotationType().getName().startsWith("dev.mizan.")) {
                return true;
            }
        }
        return false;
    }

    /** Type-use annotations anywhere in the parameter's type, e.g. {@code List<@NotBlank String>}. */
    private static boolean foreign(AnnotatedType type) {
        if (type == null) {
            return false;
        }
        if (foreign(type.getAnnotations())) {
            return true;
        }
        if (type instanceof AnnotatedParameterizedType parameterized) {
            for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                if (foreign(argument)) {
                    return true;
                }
            }
        }
        if (type instanceof AnnotatedArrayType array) {
            return foreign(array.getAnnotatedGenericComponentType());
        }
        if (type instanceof AnnotatedWildcardType wildcard) {
            for (AnnotatedType bound : wildcard.getAnnotatedUpperBounds()) {
                if (foreign(bound)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean constraint(Class<? extends Annotation> type) {
        return AnnotationNames.present(type.getAnnotations(), CONSTRAINT);
    }

    /** A repeated constraint's container, e.g. {@code @ScriptAssert.List}. */
    private static boolean constraintContainer(Class<? extends Annotation> type) {
        try {
            Class<?> value = type.getMethod("value").getReturnType();
            return value.isArray() && value.getComponentType().isAnnotation()
                    && constraint(value.getComponentType().asSubclass(Annotation.class));
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
