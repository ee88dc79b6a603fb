package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.internal.key.HmacSha256;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;

/** CSRF and session handling over the servlet request (docs/reference/protocol.md): what to read, check and issue. */
final class SessionCsrf {

    static final String HEADER = "Mizan-CSRF";
    static final String TOKEN_HEADER = "Mizan-CSRF-Token";

    private static final CsrfTokens TOKENS = new CsrfTokens(new SecureRandom());
    private static final CsrfGuard GUARD = new CsrfGuard(TOKENS);

    private SessionCsrf() {
    }

    /** Refuses cross-site requests: {@code allowed} lists the origins that may still pass. */
    static void refuseCrossSite(HttpServletRequest request, Collection<String> allowed) {
        String self = CrossSite.self(request.getScheme(), request.getServerName(), request.getServerPort());
        if (CrossSite.refused(request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"), self,
                request.getHeader("Host"), allowed)) {
            throw Problems.crossSite();
        }
    }

    /** Runs before anything else of a call: header equal to cookie, HMAC valid for this session. */
    static void check(HttpServletRequest request, MizanEngine engine) {
        boolean sessionCookie = request.getRequestedSessionId() != null || hasCookie(request, "JSESSIONID");
        String header = request.getHeader(HEADER);
        CsrfEvidence evidence = new CsrfEvidence(header, cookieMatching(request, header),
                request.getHeader("Authorization"), sessionCookie, sessionId(request));
        if (!GUARD.passes(evidence, engine.csrfVerifiers())) {
            throw Problems.csrf();
        }
    }

    /**
     * For {@code /session}: keeps the token the browser holds when the current key signed it for this
     * session (so tabs do not invalidate each other's tokens), else issues a new one.
     */
    static String currentOrNew(HttpServletRequest request, MizanEngine engine) {
        List<HmacSha256> key = List.of(engine.csrfSigner());
        String session = sessionId(request);
        for (String held : cookies(request)) {
            if (TOKENS.verify(held, key, session)) {
                return held;
            }
        }
        return issue(request, engine);
    }

    /** @return a new token bound to the current session, if any */
    static String issue(HttpServletRequest request, MizanEngine engine) {
        return TOKENS.issue(engine.csrfSigner(), sessionId(request));
    }

    /** After a login: a new session id (against fixation), its cookie, then a token bound to it. */
    static String rotate(HttpServletRequest request, HttpServletResponse response, MizanEngine engine) {
        HttpSession before = request.getSession(false);
        if (before != null) {
            // the container's cookie carries the bare id only on some servers; only then can Mizan rewrite it
            boolean bareIds = before.getId().equals(cookieValue(request, SessionCookie.name(request)));
            request.changeSessionId();
            if (bareIds) {
                SessionCookie.ensure(request, response);
            }
        } else {
            request.getSession(true);
        }
        return issue(request, engine);
    }

    /** After a logout: the session goes. */
    static void endSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // the application's logout invalidated it already
            }
        }
    }

    static String setCookie(HttpServletRequest request, String token) {
        return CsrfCookie.set(token, request.isSecure(), request.getContextPath());
    }

    /**
     * Adds a {@code Set-Cookie} header to the servlet response, beside any the container set itself.
     *
     * <p>Not through the JAX-RS {@code Response}: Jersey (Payara) writes a header the servlet response
     * already holds with {@code setHeader}, which replaces the container's {@code JSESSIONID} cookie
     * issued by {@code changeSessionId()} or a new session in the same request. The browser would keep
     * the old session id and every later call would fail the session-bound CSRF check.
     */
    static void addCookie(HttpServletResponse response, String setCookie) {
        response.addHeader("Set-Cookie", setCookie);
    }

    static String clearCookie(HttpServletRequest request) {
        return CsrfCookie.clear(request.isSecure(), request.getContextPath());
    }

    private static String sessionId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return "";
        }
        try {
            return session.getId();
        } catch (IllegalStateException invalidated) {
            return "";
        }
    }

    /**
     * @return the CSRF cookie equal to the header, else the first one. A sibling subdomain can plant a
     *         cookie of the same name that the browser sends first (the name cannot be {@code __Host-}: its
     *         path is the context root); the header must still equal a cookie that verifies, so taking the
     *         one that matches weakens nothing, and a planted cookie locks nobody out
     */
    private static String cookieMatching(HttpServletRequest request, String header) {
        List<String> all = cookies(request);
        for (String value : all) {
            if (CsrfTokens.sameToken(header, value)) {
                return value;
            }
        }
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * @return the values of every CSRF cookie the request carries, in order. Read from the {@code Cookie}
     *         headers: some containers' {@code getCookies()} keep only the first cookie of a name (Undertow)
     */
    private static List<String> cookies(HttpServletRequest request) {
        String name = CsrfCookie.name(request.isSecure());
        List<String> values = new java.util.ArrayList<>(1);
        for (java.util.Enumeration<String> headers = request.getHeaders("Cookie"); headers != null && headers.hasMoreElements(); ) {
            for (String pair : headers.nextElement().split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
                    values.add(quoted ? value.substring(1, value.length() - 1) : value);
                }
            }
        }
        return values;
    }

    private static boolean hasCookie(HttpServletRequest request, String name) {
        return cookieValue(request, name) != null;
    }

    private static String cookieValue(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(name)) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
