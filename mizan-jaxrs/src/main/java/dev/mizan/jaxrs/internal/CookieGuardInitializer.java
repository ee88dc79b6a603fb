package dev.mizan.jaxrs.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Puts {@link CookieCacheGuard} in front of every other filter of the application, so the rule "a
 * response that sets a cookie is {@code private, no-store}" holds for cookies that the container, an
 * application filter or an authentication mechanism add on the servlet response, not only for those
 * Mizan's JAX-RS resources add (docs/reference/security.md, "Cookies and caching"). Found by the
 * container through {@code META-INF/services}, in every WAR that holds the jar; the filter touches
 * Mizan's responses only.
 */
public class CookieGuardInitializer implements ServletContainerInitializer {

    static final String FILTER_NAME = "dev.mizan.CookieCacheGuard";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new CookieCacheGuard());
        if (filter == null) {
            return; // already registered under that name (the application declared it itself)
        }
        filter.setAsyncSupported(true);
        // isMatchAfter = false: before the filters web.xml and @WebFilter declare, so theirs are seen too
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
    }
}
