package dev.mizan.jaxrs.internal;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;

/**
 * Tells whether a request runs inside {@code MizanApplication}. An application whose own
 * {@code Application} scans every {@code @Path} class also picks up Mizan's resources; they must
 * answer 404 there, and Mizan's filters must leave that application's API alone (docs/reference/protocol.md).
 */
public final class MizanMarker {

    /** The property {@code MizanApplication.getProperties()} carries. */
    public static final String PROPERTY = "dev.mizan.application";

    private MizanMarker() {
    }

    /**
     * @param config the JAX-RS configuration of the application serving the request
     * @param app    that application (runtimes differ in whether its properties reach {@code config})
     * @return whether it is {@code MizanApplication}
     */
    static boolean inside(Configuration config, Application app) {
        return isTrue(config == null ? null : config.getProperty(PROPERTY))
                || isTrue(app == null || app.getProperties() == null ? null : app.getProperties().get(PROPERTY));
    }

    /**
     * The same from the application alone, for the read path: {@code Application} is a class, which
     * RESTEasy passes as is, where a {@code Configuration} parameter is a new proxy on every request.
     *
     * @param app the application serving the request
     */
    static void require(Application app) {
        require(null, app);
    }

    /** Answers a plain 404 outside {@code MizanApplication}, handled by that application's own mappers. */
    static void require(Configuration config, Application app) {
        if (!inside(config, app)) {
            throw new NotFoundException();
        }
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
