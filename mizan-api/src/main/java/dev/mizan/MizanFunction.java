package dev.mizan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean method as a call ("function") served at {@code POST {root}/mizan/call/{name}}
 * with a JSON object of named arguments. Calls need the CSRF header under session auth, are never
 * cached and answer {@code {"result": ..., "invalidate": [...]}}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MizanFunction {

    /** The function's name; empty means the method's name. Same rules as {@link MizanContext#value()}. */
    String value() default "";
}
