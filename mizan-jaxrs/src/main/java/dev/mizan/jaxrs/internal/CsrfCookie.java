package dev.mizan.jaxrs.internal;

/**
 * The CSRF cookie's {@code Set-Cookie} values (docs/reference/protocol.md). Written by hand rather than through
 * {@code NewCookie} so {@code SameSite} and the {@code __Secure-} prefix come out the same on every
 * runtime. {@code Path} is the context root, so two applications on one server keep their own.
 */
final class CsrfCookie {

    static final String SECURE_NAME = "__Secure-mizan-csrf";
    static final String PLAIN_NAME = "mizan-csrf";

    private CsrfCookie() {
    }

    /** @return the cookie's name: the {@code __Secure-} prefix is only allowed over HTTPS */
    static String name(boolean secure) {
        return secure ? SECURE_NAME : PLAIN_NAME;
    }

    /**
     * @param token       the token (base64url and a dot: no quoting needed)
     * @param secure      whether the request came over HTTPS
     * @param contextPath {@code HttpServletRequest.getContextPath()}
     * @return the {@code Set-Cookie} value
     */
    static String set(String token, boolean secure, String contextPath) {
        return name(secure) + "=" + token + attributes(secure, contextPath);
    }

    /** @return a {@code Set-Cookie} value that removes the cookie */
    static String clear(boolean secure, String contextPath) {
        return name(secure) + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + attributes(secure, contextPath);
    }

    private static String attributes(boolean secure, String contextPath) {
        String path = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        return "; Path=" + path + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
