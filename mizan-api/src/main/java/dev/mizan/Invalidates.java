package dev.mizan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a method makes a context's cached reads stale. After the method returns normally
 * (and after the transaction commits, when one is active) the entries are purged, and the call's
 * response lists them in {@code invalidate} so clients refetch exactly those.
 *
 * <p>Works on any CDI bean method a call reaches, not only on {@link MizanFunction}s. The method must
 * not be private, final or static (it is intercepted).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Invalidates.List.class)
public @interface Invalidates {

    /** The name of the context made stale. */
    String value();

    /**
     * Parameter names shared by this method and the context. When given, only entries whose params
     * of these names equal this invocation's same-named arguments are purged; names and types must
     * match the context's. Empty: every entry of the context.
     */
    String[] params() default {};

    /** Container for repeated {@link Invalidates}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        /** The repeated annotations. */
        Invalidates[] value();
    }
}
