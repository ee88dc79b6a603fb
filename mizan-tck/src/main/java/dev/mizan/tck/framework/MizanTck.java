package dev.mizan.tck.framework;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a TCK test class: it runs under Arquillian against a real server, and failures of its
 * {@link Assertion}s name the spec reference. Every TCK class carries the {@code tck} tag, so a
 * vendor selects the suite with {@code <groups>tck</groups>}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag("tck")
@ExtendWith({ArquillianExtension.class, AssertionExtension.class})
public @interface MizanTck {

    /**
     * The JUnit tag of the classes that need a MicroProfile API besides Config (Health, Telemetry, OpenAPI):
     * a runner excludes it ({@code excludedGroups}) where its server runs without them. A tag, not a file
     * pattern, so that {@code -Dit.test=...}, which overrides failsafe's includes and excludes, still leaves
     * them out there.
     */
    String MICROPROFILE = "microprofile";

    /**
     * The JUnit tag of {@code RedisBackendTest}, which checks that a run on a server started with
     * {@code mizan.cache.backend=redis} really caches in Redis. Its class carries this tag instead of {@code tck},
     * so a runner's {@code <groups>tck</groups>} never selects it: only the run with the Redis backend does
     * ({@code <groups>tck,redis-backend</groups>} and {@link TestProperty#CACHE_REDIS_URL}).
     */
    String REDIS_BACKEND = "redis-backend";
}
