package dev.mizan.cdi.internal.json;

import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number as its sender wrote it. Two things need the literal and not its value: the canonical
 * form, which keeps an <em>integer literal</em> ({@code 12345678901234568}) apart from the same value
 * written with an exponent ({@code 1.2345678901234568e16}, a JCS number), as the TypeScript client does
 * (docs/internals/key-derivation.md); and the {@link NumberBounds} check, which must run before any
 * {@code BigDecimal} is built. The value is made on first use, and only within those bounds.
 */
public final class LiteralNumber implements JsonNumber {

    /** {@link #problem} when the literal is within bounds (compared by identity). */
    private static final String WITHIN_BOUNDS = new String("within bounds");

    private final String text;
    // each set once, by a single write: a thread that reads null computes the same value again
    private String problem;
    private BigDecimal value;

    /** @param text a JSON number literal, as the parser read it */
    public LiteralNumber(String text) {
        this.text = text;
    }

    /** @return whether the literal has neither fraction nor exponent */
    public boolean integerLiteral() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /**
     * The literal's {@link NumberBounds} problem, found on first use: the bounds check, the canonical
     * form and the value each ask, and the text is scanned once.
     *
     * @return what is wrong with the literal, or {@code null} when it is within bounds
     */
    String problem() {
        String p = problem;
        if (p == null) {
            p = NumberBounds.problem(text);
            if (p == null) {
                p = WITHIN_BOUNDS;
            }
            problem = p;
        }
        return p == WITHIN_BOUNDS ? null : p;
    }

    /** @throws ArithmeticException when the literal is beyond {@link NumberBounds} */
    @Override
    public BigDecimal bigDecimalValue() {
        BigDecimal v = value;
        if (v == null) {
            String problem = problem();
            if (problem != null) {
                throw new ArithmeticException("Number " + problem);
            }
            v = new BigDecimal(text);
            value = v;
        }
        return v;
    }

    @Override
    public boolean isIntegral() {
        return bigDecimalValue().scale() == 0;
    }

    @Override
    public int intValue() {
        return bigDecimalValue().intValue();
    }

    @Override
    public int intValueExact() {
        return bigDecimalValue().intValueExact();
    }

    @Override
    public long longValue() {
        return bigDecimalValue().longValue();
    }

    @Override
    public long longValueExact() {
        return bigDecimalValue().longValueExact();
    }

    @Override
    public BigInteger bigIntegerValue() {
        return bigDecimalValue().toBigInteger();
    }

    @Override
    public BigInteger bigIntegerValueExact() {
        return bigDecimalValue().toBigIntegerExact();
    }

    @Override
    public double doubleValue() {
        return bigDecimalValue().doubleValue();
    }

    @Override
    public ValueType getValueType() {
        return ValueType.NUMBER;
    }

    /** @return the literal exactly as written */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonNumber n && bigDecimalValue().equals(n.bigDecimalValue());
    }

    @Override
    public int hashCode() {
        return bigDecimalValue().hashCode();
    }
}
