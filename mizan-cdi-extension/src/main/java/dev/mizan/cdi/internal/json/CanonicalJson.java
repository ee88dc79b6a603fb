package dev.mizan.cdi.internal.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.erdtman.jcs.NumberToJSON;

/**
 * The RFC 8785 form of a JSON-P tree, written straight from the tree: members sorted by their names'
 * UTF-16 code units ({@link String#compareTo} is that order), strings escaped as the RFC says, numbers
 * as the nearest double written as ECMAScript does (the JCS library's own number writer). The one
 * RFC 8785 writer of the extension: the schema hash writes whole trees with it, and the canonical form
 * of params ({@code key.PreparedJson}) writes its strings and numbers with it, straight from the values
 * as received, with no text written and parsed again (docs/internals/read-and-call-paths.md).
 */
public final class CanonicalJson {

    /**
     * A character that RFC 8785 escapes, or a lone surrogate (a valid pair is one code point to the
     * regex, outside the class). A whole tree is written at deployment (the schema hash), in a class
     * loader of its own, so this class runs interpreted there: the JDK's regex, compiled long before,
     * finds that a string needs no escaping much faster than {@link #string}'s loop would.
     */
    private static final Pattern SPECIAL = Pattern.compile("[\\x00-\\x1f\"\\\\\\x{D800}-\\x{DFFF}]");

    private CanonicalJson() {
    }

    /**
     * @param value any JSON value; strings must be valid UTF-16 (no lone surrogates)
     * @return its RFC 8785 text
     * @throws IllegalArgumentException for a number that is not finite as a double, or a lone surrogate
     */
    public static String of(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> object((JsonObject) value, out);
            case ARRAY -> array((JsonArray) value, out);
            case STRING -> text(((JsonString) value).getString(), out);
            case NUMBER -> number((JsonNumber) value, out);
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
        }
    }

    private static void object(JsonObject object, StringBuilder out) {
        List<Map.Entry<String, JsonValue>> members = new ArrayList<>(object.entrySet());
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            text(members.get(i).getKey(), out);
            out.append(':');
            write(members.get(i).getValue(), out);
        }
        out.append('}');
    }

    private static void array(JsonArray array, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(array.get(i), out);
        }
        out.append(']');
    }

    private static void number(JsonNumber number, StringBuilder out) {
        number(number.doubleValue(), out);
    }

    /**
     * Writes a number as ECMAScript writes a double (RFC 8785, section 3.2.2.3).
     *
     * @throws IllegalArgumentException for NaN or an infinity, which have no JSON form
     */
    public static void number(double value, StringBuilder out) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("RFC 8785 has no form for the number " + value);
        }
        try {
            out.append(NumberToJSON.serializeNumber(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("RFC 8785 has no form for the number " + value, e);
        }
    }

    /** {@link #string}, with the check for characters to escape done by the JDK's regex (see {@link #SPECIAL}). */
    private static void text(String text, StringBuilder out) {
        if (SPECIAL.matcher(text).find()) {
            string(text, out);
        } else {
            out.append('"').append(text).append('"');
        }
    }

    /**
     * Writes a string, quoted and escaped as RFC 8785 (section 3.2.2.2) says.
     *
     * @throws IllegalArgumentException for a lone surrogate, which UTF-8 cannot carry
     */
    public static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException(String.format("lone surrogate U+%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
