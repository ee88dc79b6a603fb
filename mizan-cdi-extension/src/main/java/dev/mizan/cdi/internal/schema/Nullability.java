package dev.mizan.cdi.internal.schema;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What annotations say about null (docs/reference/schema.md). Matched by name, so no nullness library (and not even
 * Bean Validation) has to be on the class path: {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}
 * from Jakarta Validation and any annotation named {@code Nonnull} or {@code NonNull} mean non-null;
 * any annotation named {@code Nullable} means nullable and wins over the others.
 */
final class Nullability {

    /** Whether a value may be null, as far as annotations tell. */
    enum Verdict { NON_NULL, NULLABLE, UNSTATED }

    private static final Set<String> NON_NULL_CONSTRAINTS = Set.of(
            "jakarta.validation.constraints.NotNull",
            "jakarta.validation.constraints.NotBlank",
            "jakarta.validation.constraints.NotEmpty");
    private static final Set<String> NON_NULL_SIMPLE_NAMES = Set.of("Nonnull", "NonNull");
    private static final String NULLABLE_SIMPLE_NAME = "Nullable";

    private Nullability() {
    }

    /**
     * @param sources fields, methods or parameters; their declaration annotations and the type-use
     *                annotations on their declared type both count ({@code null} entries are skipped)
     * @return what the annotations say
     */
    static Verdict of(AnnotatedElement... sources) {
        boolean nonNull = false;
        for (Annotation annotation : annotations(sources).toList()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type.getSimpleName().equals(NULLABLE_SIMPLE_NAME)) {
                return Verdict.NULLABLE;
            }
            nonNull |= NON_NULL_CONSTRAINTS.contains(type.getName()) || NON_NULL_SIMPLE_NAMES.contains(type.getSimpleName());
        }
        return nonNull ? Verdict.NON_NULL : Verdict.UNSTATED;
    }

    private static Stream<Annotation> annotations(AnnotatedElement... sources) {
        return Arrays.stream(sources).filter(s -> s != null)
                .flatMap(s -> Stream.concat(Arrays.stream(s.getAnnotations()), typeUse(s)));
    }

    private static Stream<Annotation> typeUse(AnnotatedElement source) {
        AnnotatedType type = null;
        if (source instanceof Method m) {
            type = m.getAnnotatedReturnType();
        } else if (source instanceof Field f) {
            type = f.getAnnotatedType();
        } else if (source instanceof Parameter p) {
            type = p.getAnnotatedType();
        }
        return type == null ? Stream.empty() : Arrays.stream(type.getAnnotations());
    }
}
