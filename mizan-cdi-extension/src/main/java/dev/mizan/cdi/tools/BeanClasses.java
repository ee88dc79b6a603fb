package dev.mizan.cdi.tools;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Which compiled classes can be managed beans (CDI 4.0 §3.1.1), judged without a container: a concrete,
 * top-level or static nested class that is not vetoed, not an extension, and has a no-argument or an
 * {@code @Inject} constructor. Whether the archive's discovery mode picks it up is not known here; a
 * class with Mizan methods is expected to be a bean.
 */
final class BeanClasses {

    private BeanClasses() {
    }

    static boolean isCandidate(Class<?> c) {
        int mod = c.getModifiers();
        if (c.isInterface() || c.isAnnotation() || c.isEnum() || Modifier.isAbstract(mod)
                || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()
                || (c.isMemberClass() && !Modifier.isStatic(mod))) {
            return false;
        }
        if (vetoed(c.getAnnotations()) || (c.getPackage() != null && vetoed(c.getPackage().getAnnotations()))) {
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

    private static boolean vetoed(Annotation[] annotations) {
        return has(annotations, "jakarta.enterprise.inject.Vetoed");
    }

    // by name: the tool must not need the annotation's class to be loadable
    private static boolean has(Annotation[] annotations, String name) {
        return Arrays.stream(annotations).anyMatch(a -> a.annotationType().getName().equals(name));
    }
}
