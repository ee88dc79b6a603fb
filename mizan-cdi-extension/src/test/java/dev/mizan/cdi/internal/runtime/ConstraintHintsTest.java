package dev.mizan.cdi.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.MizanFunction;
import dev.mizan.Param;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.ParameterScriptAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ConstraintHints} may only say "no constraint" where Hibernate Validator says the same: every
 * method below is checked against the validator's own metadata.
 */
class ConstraintHintsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void start() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    interface Declared {
        String inherited(@NotBlank String text);
    }

    /** Implemented with a type argument: the implementing method's erased signature differs from this one's. */
    interface Store<T> {
        String generic(@NotNull T item);
    }

    public static class Fixture implements Declared, Store<String> {
        @MizanFunction
        public String plain(@Param("id") long id, @Param("text") String text) {
            return text;
        }

        public String none(long id, List<String> texts, Map<String, Integer> counts) {
            return "";
        }

        public String notNull(@Param("text") @NotNull String text) {
            return text;
        }

        public String valid(@Valid Bean bean) {
            return "";
        }

        public String element(List<@NotBlank String> texts) {
            return "";
        }

        public String nested(Map<String, List<@Size(max = 3) String>> texts) {
            return "";
        }

        @ParameterScriptAssert(lang = "groovy", script = "true")
        public String crossParameter(long a, long b) {
            return "";
        }

        @Override
        public String inherited(String text) {
            return text;
        }

        @Override
        public String generic(String item) {
            return item;
        }
    }

    public record Bean(@NotBlank String name) {
    }

    @Test
    void sendsTheMethodsWithConstraintsToTheValidator() throws Exception {
        for (String name : List.of("notNull", "valid", "element", "nested", "crossParameter", "inherited", "generic")) {
            Method m = method(name);
            assertThat(ConstraintHints.mayBeConstrained(m)).as(name).isTrue();
        }
    }

    @Test
    void skipsOnlyWhereTheValidatorFindsNothing() throws Exception {
        for (String name : List.of("plain", "none")) {
            assertThat(ConstraintHints.mayBeConstrained(method(name))).as(name).isFalse();
        }
        for (String name : List.of("plain", "none", "notNull", "valid", "element", "nested", "inherited", "generic")) {
            Method m = method(name);
            if (validatorSaysConstrained(m)) {
                assertThat(ConstraintHints.mayBeConstrained(m)).as(name).isTrue();
            }
        }
        for (String name : List.of("notNull", "valid", "element", "nested", "inherited", "generic")) {
            assertThat(validatorSaysConstrained(method(name))).as(name).isTrue();
        }
    }

    @Test
    void seesNoValidationXmlWhereThereIsNone() {
        assertThat(ConstraintHints.xmlConfigured(new ClassLoader(null) { })).isFalse();
    }

    private static Method method(String name) {
        return Arrays.stream(Fixture.class.getDeclaredMethods()).filter(m -> m.getName().equals(name) && !m.isBridge())
                .findFirst().orElseThrow();
    }

    private static boolean validatorSaysConstrained(Method m) {
        return ParameterValidation.constrains(validator, m);
    }
}
