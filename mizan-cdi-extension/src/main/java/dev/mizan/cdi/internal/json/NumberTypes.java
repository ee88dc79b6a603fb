package dev.mizan.cdi.internal.json;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * Java's bounded number types and whether a JSON number fits one (docs/reference/security.md,
 * "Limits"): an integer type takes an integral number within its range, a floating-point type a
 * number that does not overflow it. JSON-B implementations are lenient there (Yasson truncates 1.5 to
 * 1, wraps 3000000000 into an int and reads 1e400 as Infinity), so Mizan decides before binding.
 */
public final class NumberTypes {

    private static final Map<Type, BigInteger> INTEGER_MAX = Map.of(
            long.class, BigInteger.valueOf(Long.MAX_VALUE), Long.class, BigInteger.valueOf(Long.MAX_VALUE),
            int.class, BigInteger.valueOf(Integer.MAX_VALUE), Integer.class, BigInteger.valueOf(Integer.MAX_VALUE),
            short.class, BigInteger.valueOf(Short.MAX_VALUE), Short.class, BigInteger.valueOf(Short.MAX_VALUE),
            byte.class, BigInteger.valueOf(Byte.MAX_VALUE), Byte.class, BigInteger.valueOf(Byte.MAX_VALUE));
    private static final Set<Type> DOUBLES = Set.of(double.class, Double.class);
    private static final Set<Type> FLOATS = Set.of(float.class, Float.class);
    /** Digits of the largest integer type, {@code long}: a longer integer part cannot fit any. */
    private static final int LONG_DIGITS = 19;

    private NumberTypes() {
    }

    /** @return whether {@code type} is {@code byte} … {@code long}, boxed or not */
    public static boolean integral(Type type) {
        return INTEGER_MAX.containsKey(type);
    }

    /** @return whether {@code type} is an integer or floating-point type, boxed or not */
    public static boolean bounded(Type type) {
        return integral(type) || DOUBLES.contains(type) || FLOATS.contains(type);
    }

    /** @return {@code double} or {@code float} for a floating-point type, boxed or not */
    public static String floatingName(Type type) {
        return FLOATS.contains(type) ? "float" : "double";
    }

    /**
     * @param type a Java type
     * @param d    a number within {@link NumberBounds}
     * @return whether {@code d} fits {@code type}: exactly for an integer type, finitely for a
     *         floating-point one; {@code true} for any other type. Nothing is expanded.
     */
    public static boolean fits(Type type, BigDecimal d) {
        BigInteger max = INTEGER_MAX.get(type);
        if (max != null) {
            return fitsInteger(d, max);
        }
        if (DOUBLES.contains(type)) {
            return !Double.isInfinite(d.doubleValue());
        }
        return !FLOATS.contains(type) || !Float.isInfinite(d.floatValue());
    }

    private static boolean fitsInteger(BigDecimal d, BigInteger max) {
        if (d.signum() == 0) {
            return true;
        }
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits <= 0 || integerDigits > LONG_DIGITS) {
            return false; // |d| < 1, or more digits than any integer type holds: nothing is expanded
        }
        if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
            return false; // a fraction (bounded: at most NumberBounds.MAX_DIGITS digits to strip)
        }
        BigInteger i = d.toBigIntegerExact(); // at most 19 digits here
        return i.compareTo(max) <= 0 && i.compareTo(max.negate().subtract(BigInteger.ONE)) >= 0;
    }
}
