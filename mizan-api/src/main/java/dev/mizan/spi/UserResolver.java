package dev.mizan.spi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Overrides who the caller is. By default Mizan uses the container's principal
 * ({@code HttpServletRequest.getUserPrincipal()}). Provide one as a CDI bean. Resolvers are asked in
 * {@code @Priority} order (highest first); the first that names a user wins, and when none does the
 * container's principal is used. The same caller serves HTTP reads and calls and in-process reads
 * through {@link dev.mizan.Contexts}.
 *
 * @since 0.1
 */
public interface UserResolver {

    /**
     * @param request the current request
     * @return the caller's stable name, or empty to let the next resolver (then the container) decide
     */
    Optional<String> user(HttpServletRequest request);
}
