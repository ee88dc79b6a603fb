package dev.mizan.cdi.internal.model;

import java.util.Set;

/**
 * Who may run an operation: resolved once from {@code @RolesAllowed}, {@code @PermitAll} and
 * {@code @DenyAll} on the method, else on its class (Jakarta Annotations 1.2, §3.7–3.9).
 *
 * @param kind  the rule
 * @param roles the allowed roles when {@code kind == ROLES}
 */
public record Access(Kind kind, Set<String> roles) {

    /** No annotation and {@code @PermitAll} both let everybody in; they differ only in intent. */
    public enum Kind { UNRESTRICTED, PERMIT_ALL, DENY_ALL, ROLES }

    /** Everybody. */
    public static final Access UNRESTRICTED = new Access(Kind.UNRESTRICTED, Set.of());

    /** Copies the roles. */
    public Access {
        roles = Set.copyOf(roles);
    }
}
