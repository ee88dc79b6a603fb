package dev.mizan.jaxrs.internal;

/**
 * What a {@code POST /call} brings for the CSRF check, taken from the request.
 *
 * @param header        the {@code Mizan-CSRF} header, or {@code null}
 * @param cookie        the CSRF cookie's value, or {@code null}
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param sessionCookie whether the request names an HTTP session (cookie or URL)
 * @param sessionId     the current HTTP session's id, or {@code null} when there is none
 */
record CsrfEvidence(String header, String cookie, String authorization, boolean sessionCookie, String sessionId) {
}
