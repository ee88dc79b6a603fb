package dev.mizan.cdi.internal.runtime;

import dev.mizan.MizanException;

/** A {@code @SessionInit} call that cannot end with the identity its function establishes. */
final class SessionInitFailure {

    private static final System.Logger LOG = System.getLogger(SessionInitFailure.class.getName());

    private SessionInitFailure() {
    }

    /**
     * The server (or a {@code UserResolver}) still reports the previous principal after Mizan signed
     * it out; running a login now could leave the caller with the old identity, so the call fails.
     */
    static MizanException identityKept(String function) {
        String message = "MZCDI01500: the server kept the caller's identity after signing it out, so the "
                + "@SessionInit function '" + function + "' was not run; see docs/reference/security.md";
        LOG.log(System.Logger.Level.WARNING, message);
        return new MizanException(500, "session_init_failed", message);
    }
}
