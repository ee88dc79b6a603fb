package dev.mizan.samples.board;

import dev.mizan.ssr.PageWriter;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Serves the page at the context root exactly (web.xml maps it to the empty pattern); lists its classes, so it adds {@link PageWriter}. */
public class PagesApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(BoardPage.class, PageWriter.class);
    }
}
