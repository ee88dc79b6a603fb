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
}
