package dev.mizan.cdi.weld;

import dev.mizan.cdi.internal.engine.Caller;
import java.util.Optional;
import java.util.Set;

/** Callers for the engine tests, which run without HTTP requests. */
final class TestCallers {

    /** No principal, no roles. */
    static final Caller ANONYMOUS = user(null);

    private TestCallers() {
    }

    /** @return a caller named {@code name} (null: anonymous) holding {@code roles} */
    static Caller user(String name, String... roles) {
        return new Caller() {
            @Override
            public Optional<String> user() {
                return Optional.ofNullable(name);
            }

            @Override
            public boolean isUserInRole(String role) {
                return Set.of(roles).contains(role);
            }
        };
    }
}
