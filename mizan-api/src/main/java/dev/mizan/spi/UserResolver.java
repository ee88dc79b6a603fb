package dev.mizan.spi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Overrides who the caller is. By default Mizan uses the container's principal
 * ({@code HttpServletRequest.getUserPrincipal()}). Provide one as a CDI bean.
 *
 * @since 0.1
 */
public interface UserResolver {

    /**
     * @param request the current request
     * @return the caller's stable name, empty when anonymous
     */
    Optional<String> user(HttpServletRequest request);
}
