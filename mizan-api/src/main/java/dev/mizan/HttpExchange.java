package dev.mizan;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet request and response of the current Mizan call, injectable into any CDI bean. A
 * {@link SessionInit} function needs both to log in with Jakarta Security:
 *
 * <pre>{@code
 * @Inject SecurityContext security;
 * @Inject HttpExchange http;
 * ...
 * security.authenticate(http.request(), http.response(),
 *         AuthenticationParameters.withParams().credential(new UsernamePasswordCredential(user, password)));
 * }</pre>
 *
 * CDI offers {@code HttpServletRequest} as a bean but not the response; this fills the gap without
 * producing a servlet type that an application may already produce itself.
 *
 * @since 0.1
 */
public interface HttpExchange {

    /**
     * @return the current request
     * @throws IllegalStateException outside a Mizan call
     */
    HttpServletRequest request();

    /**
     * @return the current response
     * @throws IllegalStateException outside a Mizan call
     */
    HttpServletResponse response();
}
