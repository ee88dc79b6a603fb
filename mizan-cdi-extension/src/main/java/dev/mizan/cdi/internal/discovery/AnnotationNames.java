package dev.mizan.cdi.internal.discovery;

import java.lang.annotation.Annotation;

/**
 * Finds annotations by their type's name, not their class: the build-time schema tool reads compiled
 * classes without the CDI or Bean Validation API on its class path, so it cannot name their classes.
 */
public final class AnnotationNames {

    private AnnotationNames() {
    }

    /**
     * @param annotations the annotations to look through
     * @param name        an annotation type's binary name, e.g. {@code jakarta.enterprise.inject.Specializes}
     * @return whether one of them is of that type
     */
    public static boolean present(Annotation[] annotations, String name) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
