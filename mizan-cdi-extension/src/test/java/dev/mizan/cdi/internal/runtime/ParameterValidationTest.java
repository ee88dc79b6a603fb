package dev.mizan.cdi.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.model.ParamModel;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Violations inside lists and maps, through Hibernate Validator: they are checked, and named by where they are. */
class ParameterValidationTest {

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

    public record Item(@NotBlank String title) {
    }

    public static class Fixture {
        public int tags(List<@NotBlank String> tags) {
            return tags.size();
        }

        public int labels(Map<String, List<@Size(max = 3) String>> labels) {
            return labels.size();
        }

        public int items(List<@Valid Item> items) {
            return items.size();
        }
    }

    @Test
    void aConstraintOnListElementsIsChecked() {
        Method m = method("tags");
        assertThat(ParameterValidation.constrains(validator, m)).isTrue();
        assertThatThrownBy(() -> validate(m, "tags", List.of("ok", " ")))
                .isInstanceOfSatisfying(MizanException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_params");
                    assertThat(e.fields()).containsOnlyKeys("tags[1]");
                });
        assertThatCode(() -> validate(m, "tags", List.of("ok"))).doesNotThrowAnyException();
    }

    @Test
    void nestedElementsAreNamedByKeyAndIndex() {
        Method m = method("labels");
        assertThat(ParameterValidation.constrains(validator, m)).isTrue();
        assertThatThrownBy(() -> validate(m, "labels", Map.of("en", List.of("a", "abcd"))))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.fields()).containsOnlyKeys("labels[en][1]"));
    }

    @Test
    void aMemberOfAnElementIsNamedAfterItsIndex() {
        Method m = method("items");
        assertThat(ParameterValidation.constrains(validator, m)).isTrue();
        assertThatThrownBy(() -> validate(m, "items", List.of(new Item("a"), new Item(""))))
                .isInstanceOfSatisfying(MizanException.class, e -> assertThat(e.fields()).containsOnlyKeys("items[1].title"));
    }

    private static void validate(Method m, String name, Object arg) {
        ParamModel param = new ParamModel(name, 0, m.getGenericParameterTypes()[0], false, false, JsonValue.EMPTY_JSON_OBJECT);
        ParameterValidation.validate(validator, new Fixture(), m, new Object[] {arg}, List.of(param));
    }

    private static Method method(String name) {
        return Arrays.stream(Fixture.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }
}
