package dev.mizan.cdi.internal.json;

import jakarta.json.JsonNumber;
import java.math.BigDecimal;

/**
 * The numbers Mizan accepts at all (docs/reference/security.md, "Limits"): at most {@value #MAX_DIGITS}
 * digits and a decimal scale within ±{@value #MAX_SCALE}. Decided from the literal's text (or from a
 * {@code BigDecimal}'s precision and scale), never by expanding it: {@code 1e10000000} is 10 bytes on
 * the wire and ten million digits once a {@code BigInteger} is made of it, and building a
 * {@code BigDecimal} from a literal of a million digits takes seconds.
 *
 * <p>No Java type Mizan binds needs more: a {@code double} spans 10^-324..10^308, a {@code long} 19
 * digits, and a {@code BigDecimal} beyond these bounds would be a bomb in the application's hands.
 */
public final class NumberBounds {

    /** Most digits (integer and fraction part together) a number may have. */
    public static final int MAX_DIGITS = 1000;
    /** Largest decimal scale (digits after the point, less the exponent), either sign. */
    public static final int MAX_SCALE = 1000;
    /** The problem of a text that is not a decimal number at all. */
    public static final String NOT_A_NUMBER = "is not a number";

    private NumberBounds() {
    }

    /**
     * @param text a JSON number literal, or a decimal string given for a {@code BigDecimal}
     * @return what is wrong with it, or {@code null} when it is within bounds
     */
    public static String problem(CharSequence text) {
        int i = 0;
        int n = text.length();
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        int fraction = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                if (point) {
                    fraction++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return NOT_A_NUMBER;
        }
        if (digits > MAX_DIGITS) {
            return "has more than " + MAX_DIGITS + " digits";
        }
        long exponent = 0;
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negative = i < n && text.charAt(i) == '-';
            if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int start = i;
            for (; i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                if (exponent <= 10L * MAX_SCALE + MAX_DIGITS) { // stop accumulating long before overflow
                    exponent = exponent * 10 + (text.charAt(i) - '0');
                }
            }
            if (i == start) {
                return NOT_A_NUMBER;
            }
            exponent = negative ? -exponent : exponent;
        }
        if (i != n) {
            return NOT_A_NUMBER;
        }
        return scaleProblem(fraction - exponent);
    }

    /**
     * @param number a parsed JSON number
     * @return what is wrong with it, or {@code null} when it is within bounds
     */
    public static String problem(JsonNumber number) {
        if (number instanceof LiteralNumber literal) {
            return literal.problem();
        }
        return problem(number.bigDecimalValue());
    }

    /**
     * @param number a decimal (its precision and scale are read, nothing is expanded)
     * @return what is wrong with it, or {@code null} when it is within bounds
     */
    public static String problem(BigDecimal number) {
        if (number.precision() > MAX_DIGITS) {
            return "has more than " + MAX_DIGITS + " digits";
        }
        return scaleProblem(number.scale());
    }

    private static String scaleProblem(long scale) {
        return Math.abs(scale) > MAX_SCALE ? "is out of range (exponent beyond ±" + MAX_SCALE + ")" : null;
    }
}
