package dev.mizan.cdi.tools;

import dev.mizan.cdi.internal.discovery.AnnotationNames;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Which compiled classes can be managed beans (CDI 4.0 §3.1.1), judged without a container: a concrete,
 * top-level or static nested class that is not vetoed, not an extension, not an alternative that nothing
 * selects, and has a no-argument or an {@code @Inject} constructor. Whether the archive's discovery mode
 * picks it up is not known here; a class with Mizan methods is expected to be a bean.
 */
final class BeanClasses {

    private static final String ALTERNATIVE = "jakarta.enterprise.inject.Alternative";
    private static final String STEREOTYPE = "jakarta.enterprise.inject.Stereotype";
    private static final String PRIORITY = "jakarta.annotation.Priority";

    private BeanClasses() {
    }

    static boolean isCandidate(Class<?> c, Set<String> selected) {
        int mod = c.getModifiers();
        if (c.isInterface() || c.isAnnotation() || c.isEnum() || Modifier.isAbstract(mod)
                || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()
                || (c.isMemberClass() && !Modifier.isStatic(mod))) {
            return false;
        }
        if (vetoed(c.getAnnotations()) || (c.getPackage() != null && vetoed(c.getPackage().getAnnotations()))) {
            return false;
        }
        if (!enabled(c, selected)) {
            return false;
        }
        if (Arrays.stream(c.getInterfaces()).anyMatch(i -> i.getName().equals("jakarta.enterprise.inject.spi.Extension"))) {
            return false;
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.getParameterCount() == 0 || has(k.getAnnotations(), "jakarta.inject.Inject")) {
                return true;
            }
        }
        return false;
    }

    /**
     * An alternative is enabled (CDI 4.0 §5.1.1) by {@code @Priority} on its class or on an alternative
     * stereotype, or when a {@code beans.xml} selects the class or the stereotype; a class that is no
     * alternative is enabled.
     */
    private static boolean enabled(Class<?> c, Set<String> selected) {
        boolean alternative = has(c.getAnnotations(), ALTERNATIVE);
        if (alternative && (has(c.getAnnotations(), PRIORITY) || selected.contains(c.getName()))) {
            return true;
        }
        for (Annotation a : c.getAnnotations()) {
            Class<? extends Annotation> stereotype = a.annotationType();
            if (alternativeStereotype(stereotype, new HashSet<>())) {
                alternative = true;
                if (has(stereotype.getAnnotations(), PRIORITY) || selected.contains(stereotype.getName())) {
                    return true;
                }
            }
        }
        return !alternative;
    }

    /** A stereotype is an alternative one when it, or a stereotype it carries, is {@code @Alternative}. */
    private static boolean alternativeStereotype(Class<? extends Annotation> type, Set<Class<?>> seen) {
        Annotation[] on = type.getAnnotations();
        if (!seen.add(type) || !has(on, STEREOTYPE)) {
            return false;
        }
        return has(on, ALTERNATIVE) || Arrays.stream(on).anyMatch(a -> alternativeStereotype(a.annotationType(), seen));
    }

    private static boolean vetoed(Annotation[] annotations) {
        return has(annotations, "jakarta.enterprise.inject.Vetoed");
    }

    private static boolean has(Annotation[] annotations, String name) {
        return AnnotationNames.present(annotations, name);
    }
}
