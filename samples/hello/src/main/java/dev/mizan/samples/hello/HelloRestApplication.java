package dev.mizan.samples.hello;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The application's own JAX-RS API beside Mizan. It scans every {@code @Path} class, Mizan's
 * included, yet Mizan's resources answer only under {@code /mizan}. Scanning also puts the page at
 * the root ({@link HomePage}) under {@code /api/}, where its relative links break; an application
 * that minds lists its classes ({@code getClasses}). This one scans so that {@code bench/redis.sh}
 * can add its baseline resource to the WAR without touching the sample.
 */
@ApplicationPath("api")
public class HelloRestApplication extends Application {
}
