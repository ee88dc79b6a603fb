package dev.mizan.jaxrs.internal;

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
     * @return whether it is one well-formed {@code application/json} media type ({@link MediaTypeSyntax}),
     *         with at most {@code charset=utf-8}
     */
    static boolean accepts(String header) {
        if (header == null) {
            return false;
        }
        return MediaTypeSyntax.mediaType(header)
                .filter(t -> t.type().equals("application") && t.subtype().equals("json"))
                // JSON is UTF-8 (RFC 8259, section 8.1); we never transcode
                .filter(t -> t.params().stream().allMatch(p -> !p.getKey().equals("charset") || p.getValue().equalsIgnoreCase("utf-8")))
                .isPresent();
    }
}
