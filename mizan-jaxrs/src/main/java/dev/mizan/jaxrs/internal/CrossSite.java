package dev.mizan.jaxrs.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses cross-site requests on the endpoints that set or need the CSRF token (docs/reference/protocol.md): an
 * {@code Origin} that is neither this server's nor listed in {@code mizan.cors.origins}, or
 * {@code Sec-Fetch-Site: cross-site} from an unlisted origin.
 */
final class CrossSite {

    /**
     * A host name with {@code _} (a Docker Compose service name, say) is not a server-based authority
     * to {@link URI}, which then has no host: such an authority is read as {@code host[:port]} here.
     */
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9_.-]+)(?::(\\d{1,5}))?");

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
        Optional<String> given = origin == null ? Optional.empty() : normalize(origin);
        boolean listed = given.isPresent() && allowed.stream().map(CrossSite::normalize)
                .flatMap(Optional::stream).anyMatch(given.get()::equals);
        if (origin != null && !listed) {
            if (given.isEmpty()) {
                return true; // "null" (sandboxed, file:, redirect chains) or garbage
            }
            if (!given.equals(normalize(self)) && !sameHost(given.get(), host)) {
                return true;
            }
        }
        return "cross-site".equalsIgnoreCase(fetchSite) && !listed;
    }

    /** @return {@code scheme://host[:port]}, lower case, default port left out; empty if not an origin */
    static Optional<String> normalize(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            int port = uri.getPort();
            if (host == null && uri.getRawAuthority() != null) {
                Matcher m = HOST_PORT.matcher(uri.getRawAuthority());
                if (m.matches()) {
                    host = m.group(1);
                    port = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
                }
            }
            if (scheme == null || host == null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            boolean defaultPort = port == -1 || port == defaultPort(scheme);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** @return {@code scheme://host[:port]} of the server as the request reached it */
    static String self(String scheme, String serverName, int serverPort) {
        return scheme + "://" + serverName + ":" + serverPort;
    }

    private static boolean sameHost(String normalizedOrigin, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String scheme = normalizedOrigin.substring(0, normalizedOrigin.indexOf(':'));
        return normalize(scheme + "://" + hostHeader.trim()).map(normalizedOrigin::equals).orElse(false);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }
}
