package dev.mizan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link MizanFunction} that logs a user in or out. Mizan compares the caller's principal
 * before and after the call: a new or different principal is a login (the session id and the CSRF
 * token are rotated, the new token returned in the {@code Mizan-CSRF-Token} header); no principal
 * after one before is a logout (the session is invalidated and the user's cached entries purged).
 * The function itself performs the login, e.g. with {@code SecurityContext.authenticate} or
 * {@code HttpServletRequest.login}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SessionInit {
}
