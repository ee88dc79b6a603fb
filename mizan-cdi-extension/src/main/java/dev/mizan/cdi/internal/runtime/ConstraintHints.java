package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.discovery.AnnotationNames;
import dev.mizan.cdi.internal.discovery.Supertypes;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

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
        for (Method m : Supertypes.overridden(method)) {
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
