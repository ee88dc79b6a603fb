package dev.mizan.cdi.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web origins ({@code scheme://host[:port]}), read one way for {@code mizan.cors.origins} at deployment
 * and for a request's {@code Origin} and {@code Host} (docs/reference/security.md).
 */
public final class Origins {

    /**
     * A host name with {@code _} (a Docker Compose service name, say) is not a server-based authority
     * to {@link URI}, which then has no host: such an authority is read as {@code host[:port]} here.
     */
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9_.-]+)(?::(\\d{1,5}))?");

    private Origins() {
    }

    /**
     * @param origin text that should be an origin
     * @return {@code scheme://host[:port]}, lower case, default port left out; empty when it is not exactly
     *         an origin (no scheme or host; a user, path, query or fragment; {@code null})
     */
    public static Optional<String> normalize(String origin) {
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
            boolean onlyOrigin = uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (scheme == null || host == null || !onlyOrigin) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            boolean defaultPort = port == -1 || port == defaultPort(scheme);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }
}
