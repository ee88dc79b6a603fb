package dev.mizan.cdi.internal.discovery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * One parameter of an {@link OperationSource}.
 *
 * @param position      zero-based position in the method's signature
 * @param type          the declared (generic) type
 * @param javaParameter the reflective parameter, for its compiled name ({@code -parameters})
 * @param annotations   the parameter's annotations
 */
public record ParameterSource(int position, Type type, Parameter javaParameter, Set<Annotation> annotations) {

    /**
     * @param type an annotation type
     * @return the parameter's annotation of that type, or null
     */
    public <A extends Annotation> A annotation(Class<A> type) {
        return annotations.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }
}
