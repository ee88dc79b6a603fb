package dev.mizan.cdi.internal.runtime;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Mizan's one internal interceptor binding. The extension adds it to every interceptable
 * {@code @Invalidates} method, so the public annotations need not be interceptor bindings themselves.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface MizanBinding {

    /** The literal the extension adds. */
    final class Literal extends AnnotationLiteral<MizanBinding> implements MizanBinding {
        private static final long serialVersionUID = 1L;
        /** The one instance. */
        public static final Literal INSTANCE = new Literal();
    }
}
