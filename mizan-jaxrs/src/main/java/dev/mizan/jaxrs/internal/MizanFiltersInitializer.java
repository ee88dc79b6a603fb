package dev.mizan.jaxrs.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Puts Mizan's two servlet filters in front of every other filter of the application.
 * {@link ClientInputGuard} answers malformed client input with Mizan's JSON errors before the JAX-RS
 * runtime can answer it with an HTML page (docs/reference/security.md, "Errors").
 * {@link CookieCacheGuard} makes the rule "a response that sets a cookie is {@code private, no-store}"
 * hold for cookies that the container, an application filter or an authentication mechanism add on
 * the servlet response, not only for those Mizan's JAX-RS resources add ("Cookies and caching").
 * Found by the container through {@code META-INF/services}, in every WAR that holds the jar; the
 * filters touch Mizan's requests and responses only.
 */
public class MizanFiltersInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        add(context, "dev.mizan.ClientInputGuard", new ClientInputGuard());
        add(context, "dev.mizan.CookieCacheGuard", new CookieCacheGuard());
    }

    private static void add(ServletContext context, String name, Filter filter) {
        FilterRegistration.Dynamic registration = context.addFilter(name, filter);
        if (registration == null) {
            return; // already registered under that name (the application declared it itself)
        }
        registration.setAsyncSupported(true);
        // isMatchAfter = false: before the filters web.xml and @WebFilter declare, so theirs are seen too
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
    }
}
