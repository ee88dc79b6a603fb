package dev.mizan.cdi.internal.discovery;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * Which method a bean runs for a method it inherits. The container calls the most specific override,
 * and an overridden method's annotations do not carry over to it (Jakarta Annotations), so Mizan reads
 * an operation's annotations, roles included, from the method that runs (docs/reference/annotations.md).
 */
final class Overrides {

    private Overrides() {
    }

    /**
     * @param beanClass the bean's class, or null when unknown
     * @param method    a method the bean class declares or inherits
     * @return the method of the bean class's hierarchy that overrides {@code method}, the closest to the
     *         bean class first; {@code method} itself when nothing overrides it
     */
    static Method runBy(Class<?> beanClass, Method method) {
        int modifiers = method.getModifiers();
        if (beanClass == null || Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers)) {
            return method;
        }
        Class<?> declaring = method.getDeclaringClass();
        if (declaring.isInterface()) {
            return implementation(beanClass, method);
        }
        for (Class<?> c = beanClass; c != null && c != declaring; c = c.getSuperclass()) {
            try {
                Method candidate = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                int m = candidate.getModifiers();
                if (!Modifier.isPrivate(m) && !Modifier.isStatic(m) && visible(method, c)) {
                    return candidate;
                }
            } catch (NoSuchMethodException e) {
                // not declared here: look further up
            }
        }
        return method;
    }

    /** An interface method is public, and so is what implements it: the class's, or a more specific default method. */
    private static Method implementation(Class<?> beanClass, Method method) {
        try {
            Method runs = beanClass.getMethod(method.getName(), method.getParameterTypes());
            return runs.equals(method) ? method : runs;
        } catch (NoSuchMethodException e) {
            return method;
        }
    }

    /** A package-private method is overridden only from its own package. */
    private static boolean visible(Method method, Class<?> from) {
        int m = method.getModifiers();
        return Modifier.isPublic(m) || Modifier.isProtected(m)
                || Objects.equals(method.getDeclaringClass().getPackageName(), from.getPackageName());
    }
}
