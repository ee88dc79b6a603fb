package dev.mizan.cdi.internal.engine;

/**
 * What a {@code @SessionInit} function did to the caller's identity; the HTTP layer rotates or
 * invalidates the session accordingly (docs/reference/protocol.md).
 */
public enum SessionChange {
    /** Not a {@code @SessionInit} function, or anonymous before and after. */
    NONE,
    /** A principal after the call (the function started anonymous): rotate the session id and the CSRF token. */
    LOGIN,
    /** A principal before, none after: invalidate the session (the user's entries are already purged). */
    LOGOUT
}
