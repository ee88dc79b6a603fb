package dev.mizan.cdi.internal.discovery;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which bean classes a {@code @Specializes} bean replaces (CDI 4.0 §4.3): the superclass of each
 * specializing class, and further up while that superclass specializes too. The container still
 * reports the replaced beans to extensions, and they inherit the same annotated methods, so without this
 * every operation of a specialized bean would be declared twice.
 */
final class Specialization {

    private static final String SPECIALIZES = "jakarta.enterprise.inject.Specializes";

    private Specialization() {
    }

    /** @return whether the class itself is annotated {@code @Specializes} */
    static boolean specializes(Class<?> c) {
        return AnnotationNames.present(c.getDeclaredAnnotations(), SPECIALIZES);
    }

    /**
     * @param specializing bean classes annotated {@code @Specializes}
     * @return the classes they replace
     */
    static Set<Class<?>> replacedBy(Collection<Class<?>> specializing) {
        Set<Class<?>> replaced = new HashSet<>();
        for (Class<?> s : specializing) {
            for (Class<?> c = s; c != null && specializes(c); c = c.getSuperclass()) {
                replaced.add(c.getSuperclass());
            }
        }
        return replaced;
    }
}
