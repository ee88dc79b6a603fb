package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;
import dev.mizan.cdi.internal.engine.Caller;
import dev.mizan.cdi.internal.model.Access;

/** Enforces an operation's role rule before binding, cache lookup or ETag evaluation (docs/reference/annotations.md). */
final class AccessCheck {

    private AccessCheck() {
    }

    static void check(Access access, Caller caller) {
        switch (access.kind()) {
            case UNRESTRICTED, PERMIT_ALL -> {
            }
            case DENY_ALL -> throw caller.user().isEmpty() ? unauthenticated() : forbidden();
            case ROLES -> {
                if (caller.user().isEmpty()) {
                    throw unauthenticated();
                }
                if (access.roles().stream().noneMatch(caller::isUserInRole)) {
                    throw forbidden();
                }
            }
        }
    }

    /** @return whether {@link #check} lets the caller through */
    static boolean allows(Access access, Caller caller) {
        try {
            check(access, caller);
            return true;
        } catch (MizanException e) {
            return false;
        }
    }

    static MizanException unauthenticated() {
        return new MizanException(401, "unauthenticated", "Authentication is required");
    }

    static MizanException forbidden() {
        return new MizanException(403, "forbidden", "You may not do this");
    }
}
