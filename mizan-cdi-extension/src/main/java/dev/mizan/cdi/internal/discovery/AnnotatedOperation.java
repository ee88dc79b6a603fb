package dev.mizan.cdi.internal.discovery;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * The runtime view: a method as the container sees it, so annotations that other extensions added or
 * removed in {@code ProcessAnnotatedType} count.
 *
 * @param annotated the method from the bean's {@code AnnotatedType}
 */
public record AnnotatedOperation(AnnotatedMethod<?> annotated) implements OperationSource {

    @Override
    public Method method() {
        return annotated.getJavaMember();
    }

    @Override
    public <A extends Annotation> A annotation(Class<A> type) {
        return annotated.getAnnotation(type);
    }

    @Override
    public <A extends Annotation> Set<A> annotations(Class<A> type) {
        return annotated.getAnnotations(type);
    }

    /**
     * The annotation on the class that declares the method. For an inherited method that is a superclass,
     * whose annotations the bean's {@code AnnotatedType} does not carry, and which containers disagree on
     * reporting as the declaring type (Weld 5 gives the bean class, later versions the superclass); a
     * class-level {@code @RolesAllowed} covers the methods that class declares (Jakarta Annotations §3).
     */
    @Override
    public <A extends Annotation> A classAnnotation(Class<A> type) {
        var declaring = annotated.getDeclaringType();
        return declaring.getJavaClass() == method().getDeclaringClass() ? declaring.getAnnotation(type)
                : method().getDeclaringClass().getAnnotation(type);
    }

    @Override
    public List<ParameterSource> parameters() {
        return annotated.getParameters().stream()
                .map(p -> new ParameterSource(p.getPosition(), p.getBaseType(), p.getJavaParameter(), p.getAnnotations()))
                .toList();
    }
}
