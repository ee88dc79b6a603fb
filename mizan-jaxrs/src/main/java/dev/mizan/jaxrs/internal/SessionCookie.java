package dev.mizan.jaxrs.internal;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Set;

/**
 * Makes sure the response to a login carries the session cookie of the (new) session id.
 *
 * <p>WildFly and Open Liberty add it themselves in {@code changeSessionId()}. Payara 6 defers it to the
 * moment the response is committed and then drops it when the JAX-RS runtime (Jersey) has already
 * committed the headers (payara/Payara#1447), so the browser would keep the old id and lose the login.
 * When no {@code Set-Cookie} for the session cookie is on the response yet, this adds one, built from
 * the application's {@link SessionCookieConfig}, every attribute it declares included ({@code SameSite}).
 * Callers use it only where the container's cookie value is the bare session id (Payara); Liberty and
 * WildFly decorate the id, so Mizan never writes theirs.
 */
final class SessionCookie {

    private static final String DEFAULT_NAME = "JSESSIONID";
    /** The attributes {@link #ensure} writes from their own getters ({@code Comment} is obsolete, RFC 6265). */
    private static final Set<String> WRITTEN_ABOVE = Set.of("path", "domain", "max-age", "httponly", "secure", "comment");

    private SessionCookie() {
    }

    /** @return the session cookie's name for this application */
    static String name(HttpServletRequest request) {
        String name = request.getServletContext().getSessionCookieConfig().getName();
        return name == null || name.isBlank() ? DEFAULT_NAME : name;
    }

    static void ensure(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        ServletContext app = request.getServletContext();
        if (session == null || !app.getEffectiveSessionTrackingModes().contains(SessionTrackingMode.COOKIE)) {
            return;
        }
        SessionCookieConfig config = app.getSessionCookieConfig();
        String name = name(request);
        for (String existing : response.getHeaders("Set-Cookie")) {
            if (existing.startsWith(name + "=")) {
                return;
            }
        }
        String path = config.getPath() != null ? config.getPath()
                : request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        StringBuilder cookie = new StringBuilder(name).append('=').append(session.getId()).append("; Path=").append(path);
        if (config.getDomain() != null) {
            cookie.append("; Domain=").append(config.getDomain());
        }
        if (config.getMaxAge() >= 0) {
            cookie.append("; Max-Age=").append(config.getMaxAge());
        }
        if (config.isHttpOnly()) {
            cookie.append("; HttpOnly");
        }
        if (config.isSecure() || request.isSecure()) {
            cookie.append("; Secure");
        }
        // the attributes web.xml's <cookie-config> declares besides those above: SameSite, Partitioned, ...
        config.getAttributes().forEach((attribute, value) -> {
            if (!WRITTEN_ABOVE.contains(attribute.toLowerCase(Locale.ROOT))) {
                cookie.append("; ").append(attribute).append(value == null || value.isEmpty() ? "" : "=" + value);
            }
        });
        response.addHeader("Set-Cookie", cookie.toString());
    }
}
