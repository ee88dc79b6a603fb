package dev.mizan.jaxrs;

import dev.mizan.jaxrs.internal.MizanClasses;
import dev.mizan.jaxrs.internal.MizanMarker;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * Serves Mizan's protocol under {@code {context-root}/mizan} (docs/reference/protocol.md). Picked up by the runtime
 * like any {@code Application}; a {@code web.xml} servlet mapping for this class moves it elsewhere.
 * It lists its classes explicitly (none carries {@code @Provider}) and marks itself with a property,
 * so Mizan's resources answer 404 and its filters stay idle inside any other application.
 *
 * @since 0.1
 */
@ApplicationPath("mizan")
public class MizanApplication extends Application {

    /** @return Mizan's resources, filters and exception mappers */
    @Override
    public Set<Class<?>> getClasses() {
        return MizanClasses.all();
    }

    /** @return the marker property that tells Mizan's classes they run here */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of(MizanMarker.PROPERTY, Boolean.TRUE);
    }
}
