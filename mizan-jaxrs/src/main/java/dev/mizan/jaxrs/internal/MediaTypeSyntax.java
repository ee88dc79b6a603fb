package dev.mizan.jaxrs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The grammar of a media type and of an {@code Accept} list (RFC 9110, sections 8.3.1 and 12.5.1),
 * checked before the JAX-RS runtime parses them: a value it cannot parse makes some runtimes answer
 * their own HTML 400 before Mizan runs (docs/reference/security.md, "Errors"). Strict where the RFC is
 * loose (no empty parameter but a trailing {@code ;}), so that what passes here every runtime parses.
 */
final class MediaTypeSyntax {

    /**
     * A well-formed media type.
     *
     * @param type    lower case
     * @param subtype lower case
     * @param params  in order: lower-case names, values without their quotes
     */
    record Parsed(String type, String subtype, List<Map.Entry<String, String>> params) {
    }

    /** {@code ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}; compiled once, as browsers send q values on every request. */
    private static final java.util.regex.Pattern QVALUE = java.util.regex.Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private final String text;
    private int at;

    private MediaTypeSyntax(String text) {
        this.text = text;
    }

    /** @return the media type {@code text} holds, or empty when it is not exactly one well-formed media type */
    static Optional<Parsed> mediaType(String text) {
        MediaTypeSyntax p = new MediaTypeSyntax(text);
        Parsed parsed = p.mediaType();
        p.whitespace();
        return parsed != null && p.done() ? Optional.of(parsed) : Optional.empty();
    }

    /**
     * @return whether {@code text} is a well-formed {@code Accept} value: media ranges separated by commas
     *         (empty elements allowed), each {@code q} a number from 0 to 1 with at most three decimals
     */
    static boolean acceptList(String text) {
        MediaTypeSyntax p = new MediaTypeSyntax(text);
        do {
            p.whitespace();
            if (p.done() || p.peek() == ',') {
                continue;
            }
            Parsed range = p.mediaType();
            if (range == null || !range.params().stream().allMatch(e -> !e.getKey().equals("q") || qvalue(e.getValue()))) {
                return false;
            }
            p.whitespace();
        } while (p.eat(','));
        return p.done();
    }

    private Parsed mediaType() {
        whitespace();
        String type = token();
        if (type == null || !eat('/')) {
            return null;
        }
        String subtype = token();
        if (subtype == null) {
            return null;
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        while (true) {
            int mark = at;
            whitespace();
            if (!eat(';')) {
                at = mark;
                break;
            }
            whitespace();
            if (done() || peek() == ',') {
                break; // a trailing ';'
            }
            String name = token();
            if (name == null || !eat('=')) {
                return null;
            }
            String value = !done() && peek() == '"' ? quoted() : token();
            if (value == null) {
                return null;
            }
            params.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
        }
        return new Parsed(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT), params);
    }

    /** @return {@code 1*tchar}, or null when there is none */
    private String token() {
        int start = at;
        while (!done() && tchar(peek())) {
            at++;
        }
        return at > start ? text.substring(start, at) : null;
    }

    /** @return the unquoted value of a quoted-string, or null when it is malformed or unterminated */
    private String quoted() {
        StringBuilder value = new StringBuilder();
        at++; // the opening quote
        while (!done()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (done() || !quotable(text.charAt(at))) {
                    return null;
                }
                value.append(text.charAt(at++));
            } else if (qdtext(c)) {
                value.append(c);
            } else {
                return null;
            }
        }
        return null;
    }

    private void whitespace() {
        while (!done() && (peek() == ' ' || peek() == '\t')) {
            at++;
        }
    }

    private boolean eat(char c) {
        if (!done() && peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    private char peek() {
        return text.charAt(at);
    }

    private boolean done() {
        return at >= text.length();
    }

    private static boolean tchar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private static boolean qdtext(char c) {
        return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    private static boolean quotable(char c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    /** {@code ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )} */
    private static boolean qvalue(String q) {
        return QVALUE.matcher(q).matches();
    }
}
