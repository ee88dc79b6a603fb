package dev.mizan.cdi.internal.json;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Java's integer types and whether a JSON number fits one exactly (docs/reference/security.md,
 * "Limits"): integral, within the type's range. JSON-B implementations are lenient there (Yasson
 * truncates 1.5 to 1 and wraps 3000000000 into an int), so Mizan decides before binding.
 */
public final class IntegerTypes {

    private static final Map<Type, BigInteger> MAX = Map.of(
            long.class, BigInteger.valueOf(Long.MAX_VALUE), Long.class, BigInteger.valueOf(Long.MAX_VALUE),
            int.class, BigInteger.valueOf(Integer.MAX_VALUE), Integer.class, BigInteger.valueOf(Integer.MAX_VALUE),
            short.class, BigInteger.valueOf(Short.MAX_VALUE), Short.class, BigInteger.valueOf(Short.MAX_VALUE),
            byte.class, BigInteger.valueOf(Byte.MAX_VALUE), Byte.class, BigInteger.valueOf(Byte.MAX_VALUE));
    /** Digits of the largest integer type, {@code long}: a longer integer part cannot fit any. */
    private static final int LONG_DIGITS = 19;

    private IntegerTypes() {
    }

    /** @return the largest value of {@code type} when it is an integer type (boxed or not), else {@code null} */
    public static BigInteger max(Type type) {
        return MAX.get(type);
    }

    /**
     * @param d   a number within {@link NumberBounds}
     * @param max {@link #max(Type)} of the target type
     * @return whether {@code d} is integral and within {@code -max - 1 .. max}; nothing is expanded
     */
    public static boolean fits(BigDecimal d, BigInteger max) {
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
