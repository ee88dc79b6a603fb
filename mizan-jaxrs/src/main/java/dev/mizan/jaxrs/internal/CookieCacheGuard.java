package dev.mizan.jaxrs.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Wraps the servlet response so that a Mizan response carrying a cookie is sent {@code private,
 * no-store}, whoever adds the cookie (see {@link CookieCacheResponse}). Other responses pass untouched.
 */
final class CookieCacheGuard implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        CookieCacheResponse guarded = new CookieCacheResponse(http, httpResponse);
        chain.doFilter(request, guarded);
        if (!http.isAsyncStarted()) {
            guarded.beforeCommit(); // a response without a body (304, 204) is committed after this returns
        }
    }
}
