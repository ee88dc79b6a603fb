package dev.mizan.samples.hello;

import dev.mizan.ssr.PageWriter;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Serves the server-rendered pages at the root of the WAR: web.xml maps it to the empty pattern (the
 * context root exactly), so static files and {@code /mizan} are untouched. It lists its classes, so
 * it adds {@link PageWriter} by hand.
 */
public class PagesApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(HomePage.class, PageWriter.class);
    }
}
