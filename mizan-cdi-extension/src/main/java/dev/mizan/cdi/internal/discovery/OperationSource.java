package dev.mizan.cdi.internal.discovery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * One method as discovery reads it: the Java method, its annotations, its parameters and its
 * declaring class's annotations. {@link RegistryBuilder} reads methods only through this view, so the
 * runtime ({@link AnnotatedOperation}, over CDI's {@code AnnotatedMethod}, honouring other extensions'
 * changes) and the build-time schema tool ({@link ReflectedOperation}, over plain reflection) share
 * one code path and cannot drift apart.
 */
public interface OperationSource {

    /** @return the Java method (for its modifiers, return type, name and the stable sort order) */
    Method method();

    /**
     * @param type an annotation type
     * @return the method's annotation of that type, or null
     */
    <A extends Annotation> A annotation(Class<A> type);

    /**
     * @param type a repeatable annotation type
     * @return every annotation of that type on the method, its container's contents included
     */
    <A extends Annotation> Set<A> annotations(Class<A> type);

    /**
     * @param type an annotation type
     * @return the annotation of that type on the class the method belongs to (the bean class), or null
     */
    <A extends Annotation> A classAnnotation(Class<A> type);

    /** @return the parameters in declaration order */
    List<ParameterSource> parameters();

    /** @return whether the method carries an annotation of that type */
    default boolean annotated(Class<? extends Annotation> type) {
        return annotation(type) != null;
    }
}
