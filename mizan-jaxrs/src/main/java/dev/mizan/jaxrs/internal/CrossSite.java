package dev.mizan.jaxrs.internal;

import dev.mizan.cdi.internal.config.Origins;
import java.util.Collection;
import java.util.Optional;

/**
 * Refuses cross-site requests on the endpoints that set or need the CSRF token (docs/reference/protocol.md): an
 * {@code Origin} that is neither this server's nor listed in {@code mizan.cors.origins}, or
 * {@code Sec-Fetch-Site: cross-site} from an unlisted origin.
 */
final class CrossSite {

    private CrossSite() {
    }

    /**
     * @param origin    the {@code Origin} header, or {@code null}
     * @param fetchSite the {@code Sec-Fetch-Site} header, or {@code null}
     * @param self      this request's own origin, e.g. {@code https://shop.example:8443}
     * @param host      the {@code Host} header (a proxy may have changed the scheme but keeps the host), or {@code null}
     * @param allowed   origins allowed cross-site (empty where nothing cross-site may pass)
     * @return whether to refuse
     */
    static boolean refused(String origin, String fetchSite, String self, String host, Collection<String> allowed) {
        Optional<String> given = origin == null ? Optional.empty() : Origins.normalize(origin);
        boolean listed = listed(given, allowed);
        if (origin != null && !listed) {
            if (given.isEmpty()) {
                return true; // "null" (sandboxed, file:, redirect chains) or garbage
            }
            if (!given.equals(Origins.normalize(self)) && !sameHost(given.get(), host, self)) {
                return true;
            }
        }
        return "cross-site".equalsIgnoreCase(fetchSite) && !listed;
    }

    /**
     * @param given   a request's origin, normalized ({@link Origins#normalize})
     * @param allowed {@code mizan.cors.origins}, normalized at deployment
     * @return whether it is one of them
     */
    static boolean listed(Optional<String> given, Collection<String> allowed) {
        return given.isPresent() && allowed.contains(given.get());
    }

    /** @return {@code scheme://host[:port]} of the server as the request reached it */
    static String self(String scheme, String serverName, int serverPort) {
        return scheme + "://" + serverName + ":" + serverPort;
    }

    /**
     * The {@code Host} header stands in for a proxy that ended TLS before the server: an {@code https} page
     * may reach the server as {@code http}. Never the reverse: on a request that arrived over HTTPS, a page
     * served over plain HTTP (which anyone on the path can write) is not this site's own.
     */
    private static boolean sameHost(String normalizedOrigin, String hostHeader, String self) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String scheme = normalizedOrigin.substring(0, normalizedOrigin.indexOf(':'));
        if (!scheme.equals("https") && !self.startsWith(scheme + "://")) {
            return false;
        }
        return Origins.normalize(scheme + "://" + hostHeader.trim()).map(normalizedOrigin::equals).orElse(false);
    }
}
