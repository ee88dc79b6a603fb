package dev.mizan.ssr.internal;

import dev.mizan.Page;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fails the deployment when a JAX-RS resource method returns a {@link Page} but {@code mizan.ssr.bundle}
 * is not set: every such page would otherwise answer {@code 500} on its first request (docs/how-to/ssr.md).
 * A servlet container initializer, not a CDI observer, because resource classes are often no CDI beans
 * (a {@code @Path} class without a scope is not discovered in an implicit bean archive); the container
 * hands it every {@code @Path} class of the application.
 */
@HandlesTypes(Path.class)
public class PageResourcesCheck implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (classes == null || classes.isEmpty()) {
            return;
        }
        List<String> pages = pageMethods(classes);
        if (!pages.isEmpty() && bundle(context.getClassLoader()).isEmpty()) {
            throw new ServletException(Messages.pagesWithoutBundle(pages));
        }
    }

    /** @return {@code Class#method} of each resource method (one with an HTTP method annotation) returning a {@code Page} */
    static List<String> pageMethods(Set<Class<?>> classes) {
        List<String> found = new ArrayList<>();
        for (Class<?> type : classes) {
            Method[] methods;
            try {
                methods = type.getMethods();
            } catch (LinkageError e) {
                continue; // a class the container listed but cannot link is not ours to report
            }
            for (Method m : methods) {
                if (Page.class.isAssignableFrom(m.getReturnType()) && httpMethod(m)) {
                    found.add(type.getName() + "#" + m.getName());
                }
            }
        }
        found.sort(null);
        return found;
    }

    private static boolean httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> bundle(ClassLoader loader) {
        try {
            return SsrSettings.readBundle(SsrSettings.raw(ConfigProvider.getConfig(loader)));
        } catch (LinkageError | IllegalStateException e) {
            // no MicroProfile Config: the core fails the deployment with its own message (MZCDI00110)
            return Optional.of("(unknown)");
        }
    }
}
