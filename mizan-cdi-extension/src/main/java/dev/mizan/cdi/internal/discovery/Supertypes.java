package dev.mizan.cdi.internal.discovery;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The methods of a class and its supertypes that a method may override, for what Bean Validation merges
 * from them: parameter constraints, and so whether a parameter is required (docs/reference/annotations.md).
 */
public final class Supertypes {

    private Supertypes() {
    }

    /**
     * @param method a method
     * @return the method and every method of its class or a supertype it may override: same name, and each
     *         parameter type the same as or a supertype of the method's (a generic supertype's
     *         {@code save(T item)} implemented as {@code save(Item item)} has another erased signature).
     *         An overload that merely accepts wider types is included too; callers only widen with it
     */
    public static Set<Method> overridden(Method method) {
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
            types.addAll(List.of(type.getInterfaces()));
        }
        return found;
    }

    private static boolean mayOverride(Method candidate, Method method) {
        if (!candidate.getName().equals(method.getName()) || candidate.getParameterCount() != method.getParameterCount()
                || Modifier.isStatic(candidate.getModifiers())) {
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
}
