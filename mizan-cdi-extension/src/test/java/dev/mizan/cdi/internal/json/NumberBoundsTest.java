package dev.mizan.cdi.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberBoundsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "12.50", "1e1000", "1E-1000", "-1.5e+3", "0.0000001", "1.7976931348623157e308"})
    void acceptsNumbersWithinBounds(String text) {
        assertThat(NumberBounds.problem(text)).isNull();
        assertThat(NumberBounds.problem(new BigDecimal(text))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e10000000", "1e2000000000", "-1e-2000000000", "1.5e700000000", "1e1001",
        "1e99999999999999999999999999", "1E-1001", "0.00000000001e-995"})
    void refusesExponentsBeyondTheScaleBound(String text) {
        assertThat(NumberBounds.problem(text)).isEqualTo("is out of range (exponent beyond \u00b11000)");
    }

    @Test
    void refusesMoreThanAThousandDigits() {
        assertThat(NumberBounds.problem("9".repeat(1000))).isNull();
        assertThat(NumberBounds.problem("9".repeat(1001))).isEqualTo("has more than 1000 digits");
        assertThat(NumberBounds.problem("1." + "0".repeat(1000))).isEqualTo("has more than 1000 digits");
        assertThat(NumberBounds.problem(new BigDecimal("9".repeat(1001)))).isEqualTo("has more than 1000 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "abc", "1e", "1e+", "1.2.3", "12x"})
    void refusesWhatIsNotANumber(String text) {
        assertThat(NumberBounds.problem(text)).isEqualTo("is not a number");
    }

    @Test
    void treesKeepTheLiteralAndNeverExpandABomb() {
        JsonArray array = (JsonArray) JsonTrees.parse("[1.2345678901234568e+16, 12.50, 1e2000000000, 7]", 8);

        assertThat(array.get(0)).hasToString("1.2345678901234568e+16");
        assertThat(((LiteralNumber) array.get(0)).integerLiteral()).isFalse();
        assertThat(((LiteralNumber) array.get(3)).integerLiteral()).isTrue();
        assertThat(((JsonNumber) array.get(1)).bigDecimalValue()).isEqualTo(new BigDecimal("12.50"));
        assertThat(NumberBounds.problem((JsonNumber) array.get(2))).isNotNull();
        assertThatThrownBy(((JsonNumber) array.get(2))::bigDecimalValue).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void treesRefuseDeepNestingAndTrailingText() {
        assertThat(JsonTrees.parse("[[[1]]]", 3)).isNotNull();
        assertThat(JsonTrees.parse("[[[1]]]", 2)).isNull();
        assertThat(JsonTrees.parse("[1] 2", 8)).isNull();
        assertThat(JsonTrees.parse("{", 8)).isNull();
    }
}
