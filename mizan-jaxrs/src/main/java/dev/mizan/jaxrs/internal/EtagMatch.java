package dev.mizan.jaxrs.internal;

import java.util.Enumeration;

/** {@code If-None-Match} against an entity tag, with the weak comparison RFC 9110 §13.1.2 asks for. */
final class EtagMatch {

    private EtagMatch() {
    }

    /**
     * @param ifNoneMatch the header, or {@code null}
     * @param etag        the current quoted ETag
     * @return whether the client's copy is current
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        String current = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(current)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same over every line of the header: a request may send {@code If-None-Match} more than once,
     * and the lines together are one list (RFC 9110 §5.3).
     *
     * @param lines the header's lines, or {@code null}
     * @param etag  the current quoted ETag
     * @return whether the client's copy is current
     */
    static boolean matchesAny(Enumeration<String> lines, String etag) {
        while (lines != null && lines.hasMoreElements()) {
            if (matches(lines.nextElement(), etag)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
