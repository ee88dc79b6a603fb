package dev.mizan.ssr.internal;

/** JSON string literals, and the escaping that makes JSON safe inside an HTML {@code <script>}. */
public final class JsonText {

    private JsonText() {
    }

    /**
     * Appends {@code s} as a JSON string literal (RFC 8259 escapes; everything else as is).
     *
     * @param b where to append
     * @param s the string
     */
    public static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicode(b, c);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /**
     * JSON text made safe to embed in {@code <script type="application/json">}: {@code <}, {@code >},
     * {@code &}, U+2028 and U+2029 become {@code \}{@code uXXXX}. Those characters can only occur inside
     * JSON strings, where the escape means the same character, so the value parses back unchanged,
     * while the script element can never be closed ({@code </script>}) or turned into a comment
     * ({@code <!--}) by data.
     *
     * @param json valid JSON text
     * @return the same value, safe inside a script element
     */
    public static String forScript(String json) {
        StringBuilder b = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                if (b == null) {
                    b = new StringBuilder(json.length() + 64).append(json, 0, i);
                }
                unicode(b, c);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? json : b.toString();
    }

    private static void unicode(StringBuilder b, char c) {
        b.append("\\u");
        String hex = Integer.toHexString(c);
        b.append("0".repeat(4 - hex.length())).append(hex);
    }
}
