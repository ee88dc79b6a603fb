package dev.mizan.samples.hello;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The application's own JAX-RS API beside Mizan. It scans every {@code @Path} class, Mizan's
 * included, yet Mizan's resources answer only under {@code /mizan}.
 */
@ApplicationPath("api")
public class HelloRestApplication extends Application {
}
