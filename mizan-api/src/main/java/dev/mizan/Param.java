package dev.mizan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a parameter on the wire. Without it the Java parameter name is used, which needs the
 * {@code -parameters} compiler flag; a method whose names are unavailable is a definition error.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {

    /** The parameter's wire name, matching {@code [A-Za-z][A-Za-z0-9_]*}. */
    String value();
}
