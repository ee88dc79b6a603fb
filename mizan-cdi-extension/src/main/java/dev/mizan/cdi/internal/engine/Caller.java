package dev.mizan.cdi.internal.engine;

import java.util.Optional;

/**
 * Who is calling, as the HTTP layer (or the in-process {@code Contexts}) sees it. Read live: after a
 * login inside a function, {@link #user()} returns the new principal.
 */
public interface Caller {

    /** @return the principal's name, empty when anonymous */
    Optional<String> user();

    /**
     * @param role a role name
     * @return whether the caller has it
     */
    boolean isUserInRole(String role);

    /**
     * Drops the identity the request carries, before a {@code @SessionInit} function runs, so that the
     * principal after the call is the one the function established (docs/reference/security.md,
     * "Sessions and login").
     *
     * @return whether the caller is anonymous now; {@code false} when the identity could not be dropped
     */
    default boolean signOut() {
        return user().isEmpty();
    }
}
