package dev.mizan;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link MizanFunction} that logs a user in or out. Mizan signs out whoever the request
 * carries before the function runs, so the caller ends with exactly the identity the function
 * establishes. A principal after the call is a login, even the same user's again (the session id and
 * the CSRF token are rotated, the new token returned in the {@code Mizan-CSRF-Token} header); none
 * after one before is a logout (the session is invalidated and the user's cached entries purged). If
 * the old principal survives the sign-out, the call fails with {@code 500 session_init_failed} and the
 * function does not run. The function itself performs the login, e.g. with
 * {@code SecurityContext.authenticate} or {@code HttpServletRequest.login}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SessionInit {
}
