package dev.mizan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean method as a read ("context") served at {@code GET {root}/mizan/ctx/{value}}.
 *
 * <p>The result must depend only on the method's parameters and, for {@link Scope#USER}, on the
 * caller's principal: never on session state, headers or locale, because it is cached under a key
 * made of exactly those. Durations are ISO-8601 ({@code PT30S}); a malformed one is a definition
 * error reported at deployment.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MizanContext {

    /** The context's name, matching {@code [A-Za-z][A-Za-z0-9_]*}, unique across contexts and functions. */
    String value();

    /** Who may share a cached result. Required on purpose: the author decides. */
    Scope scope();

    /** Origin-cache time to live. Empty: the config key {@code mizan.cache.ttl} (default {@code PT1M}). */
    String maxAge() default "";

    /** {@code max-age} sent to browsers, {@link Scope#PUBLIC} only. Empty means {@code PT0S}. */
    String browserMaxAge() default "";

    /** {@code s-maxage} sent to shared caches, {@link Scope#PUBLIC} only (a USER context with it is a definition error). Empty means {@code PT0S}. */
    String edgeMaxAge() default "";

    /** {@code stale-while-revalidate} sent with public responses. Empty means {@code PT0S}. */
    String staleWhileRevalidate() default "";

    /** {@code false} turns the origin cache off for this context (every read is a {@code bypass}). */
    boolean cached() default true;
}
