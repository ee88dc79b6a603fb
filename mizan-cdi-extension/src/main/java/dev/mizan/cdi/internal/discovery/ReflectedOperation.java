package dev.mizan.cdi.internal.discovery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The build-time view: a method read with plain reflection, as the compiled class declares it (no
 * container, so no other extension can have changed it).
 *
 * @param method the method
 */
public record ReflectedOperation(Method method) implements OperationSource {

    /**
     * The methods of a bean class as a CDI container lists them in its {@code AnnotatedType}: every method
     * declared by the class and its superclasses up to {@code Object} (overridden ones too), then the
     * default methods of every interface it implements (what Weld's {@code BackedAnnotatedType} does).
     *
     * @param beanClass a bean class
     * @return its methods, each as an operation source
     */
    public static List<OperationSource> of(Class<?> beanClass) {
        List<OperationSource> methods = new ArrayList<>();
        for (Class<?> c = beanClass; c != Object.class && c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                methods.add(new ReflectedOperation(m));
            }
        }
        for (Class<?> i : interfaces(beanClass)) {
            for (Method m : i.getDeclaredMethods()) {
                if (m.isDefault() && !Modifier.isStatic(m.getModifiers())) {
                    methods.add(new ReflectedOperation(m));
                }
            }
        }
        return methods;
    }

    /**
     * The abstract methods of every interface a bean class implements, which no container lists in an
     * {@code AnnotatedType}: offered too, so that Mizan annotations left behind on one are reported
     * (they do not carry over to the implementation, docs/reference/annotations.md) rather than ignored.
     *
     * @param beanClass a bean class
     * @return those methods, each as an operation source
     */
    public static List<OperationSource> abstractOf(Class<?> beanClass) {
        List<OperationSource> methods = new ArrayList<>();
        for (Class<?> i : interfaces(beanClass)) {
            for (Method m : i.getDeclaredMethods()) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    methods.add(new ReflectedOperation(m));
                }
            }
        }
        return methods;
    }

    private static Set<Class<?>> interfaces(Class<?> beanClass) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = beanClass; c != Object.class && c != null; c = c.getSuperclass()) {
            addInterfaces(c, interfaces);
        }
        return interfaces;
    }

    private static void addInterfaces(Class<?> type, Set<Class<?>> into) {
        for (Class<?> i : type.getInterfaces()) {
            if (into.add(i)) {
                addInterfaces(i, into);
            }
        }
    }

    @Override
    public <A extends Annotation> A annotation(Class<A> type) {
        return method.getAnnotation(type);
    }

    @Override
    public <A extends Annotation> Set<A> annotations(Class<A> type) {
        return new LinkedHashSet<>(List.of(method.getAnnotationsByType(type)));
    }

    /** The declaring class's annotations ({@code @Inherited} ones included), as CDI's declaring type reports them. */
    @Override
    public <A extends Annotation> A classAnnotation(Class<A> type) {
        return method.getDeclaringClass().getAnnotation(type);
    }

    @Override
    public List<ParameterSource> parameters() {
        Parameter[] parameters = method.getParameters();
        // the generic types as the method declares them, which is what CDI reports as a parameter's base type
        Type[] types = method.getGenericParameterTypes();
        List<ParameterSource> result = new ArrayList<>(parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            Type type = types.length == parameters.length ? types[i] : parameters[i].getParameterizedType();
            result.add(new ParameterSource(i, type, parameters[i], new LinkedHashSet<>(List.of(parameters[i].getAnnotations()))));
        }
        return result;
    }
}
