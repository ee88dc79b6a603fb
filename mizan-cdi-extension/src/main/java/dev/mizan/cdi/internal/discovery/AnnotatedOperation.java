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

    @Override
    public <A extends Annotation> A classAnnotation(Class<A> type) {
        return annotated.getDeclaringType().getAnnotation(type);
    }

    @Override
    public List<ParameterSource> parameters() {
        return annotated.getParameters().stream()
                .map(p -> new ParameterSource(p.getPosition(), p.getBaseType(), p.getJavaParameter(), p.getAnnotations()))
                .toList();
    }
}
