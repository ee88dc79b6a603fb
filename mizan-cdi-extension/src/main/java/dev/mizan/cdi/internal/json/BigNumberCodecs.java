package dev.mizan.cdi.internal.json;

import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Arbitrary-precision numbers travel as JSON strings: a JavaScript number holds 53 bits, so a
 * {@code BigDecimal} written as a JSON number would lose digits in the client (docs/internals/key-derivation.md, docs/reference/schema.md).
 * Reading accepts a string or a number, so hand-written JSON such as {@code 3} still binds, within
 * {@link NumberBounds}.
 */
final class BigNumberCodecs {

    private BigNumberCodecs() {
    }

    /** Writes {@code toPlainString()}: no exponent, so {@code 1E+3} reads as {@code "1000"} everywhere. */
    static final class BigDecimalSerializer implements JsonbSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext ctx) {
            generator.write(value.toPlainString());
        }
    }

    /** Writes the decimal digits. */
    static final class BigIntegerSerializer implements JsonbSerializer<BigInteger> {
        @Override
        public void serialize(BigInteger value, JsonGenerator generator, SerializationContext ctx) {
            generator.write(value.toString());
        }
    }

    /** Reads a JSON string or number. */
    static final class BigDecimalDeserializer implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            String text = bounded(text(parser, "BigDecimal"), "BigDecimal");
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw notA("BigDecimal", text, e);
            }
        }
    }

    /** Reads a JSON string or an integral JSON number. */
    static final class BigIntegerDeserializer implements JsonbDeserializer<BigInteger> {
        @Override
        public BigInteger deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            String text = bounded(text(parser, "BigInteger"), "BigInteger");
            try {
                return new BigInteger(text);
            } catch (NumberFormatException e) {
                throw notA("BigInteger", text, e);
            }
        }
    }

    // Yasson hands over a parser positioned on the value, but its parser does not implement
    // currentEvent(); getString() reads a string's text or a number's exact digits and refuses the rest
    private static String text(JsonParser parser, String target) {
        try {
            return parser.getString();
        } catch (IllegalStateException e) {
            throw new JsonbException("Cannot read a " + target + " here; expected a JSON string or number", e);
        }
    }

    // a string is as much a bomb as a number: "1e10000000" is cheap to read and huge to expand
    private static String bounded(String text, String target) {
        String problem = NumberBounds.problem(text);
        if (problem != null && !problem.equals(NumberBounds.NOT_A_NUMBER)) { // the parse below names those
            throw new JsonbException("Not a " + target + " Mizan accepts: the number " + problem);
        }
        return text;
    }

    // names the target type instead of surfacing a bare NumberFormatException
    private static JsonbException notA(String target, String text, NumberFormatException cause) {
        return new JsonbException("Not a " + target + ": \"" + text + "\"", cause);
    }
}
