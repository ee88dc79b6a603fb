package dev.mizan.jaxrs.internal;

import java.util.Locale;

/**
 * Checks a call's {@code Content-Type} ourselves (docs/reference/protocol.md): some runtimes would run a method
 * without {@code @Consumes} whatever the type, and a form post is how cross-site requests avoid a
 * preflight.
 */
final class JsonContentType {

    private JsonContentType() {
    }

    /**
     * @param header the {@code Content-Type} header, or {@code null}
     * @return whether it is {@code application/json}, with at most {@code charset=utf-8}
     */
    static boolean accepts(String header) {
        if (header == null) {
            return false;
        }
        String[] parts = header.split(";");
        if (parts.length == 0 || !parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = param.substring(eq + 1).trim().replace("\"", "");
            if (name.equals("charset") && !value.equalsIgnoreCase("utf-8")) {
                return false; // JSON is UTF-8 (RFC 8259 §8.1); we never transcode
            }
        }
        return true;
    }
}
