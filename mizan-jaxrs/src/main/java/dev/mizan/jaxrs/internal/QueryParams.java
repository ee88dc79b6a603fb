package dev.mizan.jaxrs.internal;

import dev.mizan.MizanException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read's query string as name → values, decoded as JAX-RS's {@code UriInfo.getQueryParameters(true)}
 * decodes it on RESTEasy and Jersey: {@code &}-separated, empty segments skipped, split at the first
 * {@code =} (a name without one has the value {@code ""}), percent-decoded as UTF-8 with {@code +} as a
 * space. Parsed here rather than through an injected {@code UriInfo}, which RESTEasy hands a resource
 * method as a new proxy on every request (docs/internals/read-and-call-paths.md).
 */
final class QueryParams {

    private QueryParams() {
    }

    /**
     * @param query the raw query string, without {@code ?}; {@code null} when the URL has none
     * @return the params in their order, each with its values
     * @throws MizanException {@code 400 bad_request} for a malformed percent-escape (normally refused
     *                        earlier by {@link ClientInputGuard})
     */
    static Map<String, List<String>> parse(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        int eq = -1; // the first '=' at or after start (query.length() when none): each character is searched once
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (end > start) {
                if (eq < start) {
                    eq = query.indexOf('=', start);
                    eq = eq < 0 ? query.length() : eq;
                }
                boolean valued = eq < end;
                String name = decode(query.substring(start, valued ? eq : end));
                String value = valued ? decode(query.substring(eq + 1, end)) : "";
                params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return params;
    }

    private static String decode(String part) {
        if (part.indexOf('%') < 0 && part.indexOf('+') < 0) {
            return part;
        }
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("The URL is not percent-encoded UTF-8");
        }
    }
}
