package dev.mizan.samples.hello;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Two demo users, for the sample only: alice (user, admin) and bob (user). */
final class DemoUsers {

    record User(String name, String password, Set<String> groups) {
    }

    private static final Map<String, User> USERS = Map.of(
            "alice", new User("alice", "alice-pw", Set.of("user", "admin")),
            "bob", new User("bob", "bob-pw", Set.of("user")));

    private DemoUsers() {
    }

    static Optional<User> check(String name, String password) {
        User u = USERS.get(name);
        boolean ok = u != null && MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return ok ? Optional.of(u) : Optional.empty();
    }

    /** @return the groups of a known user (a principal the session remembers) */
    static Optional<Set<String>> groups(String name) {
        return Optional.ofNullable(USERS.get(name)).map(User::groups);
    }

    /** Demo bearer tokens are {@code demo-<name>}; a real application verifies a signed token here. */
    static Optional<User> bearer(String token) {
        return token.startsWith("demo-") ? Optional.ofNullable(USERS.get(token.substring(5))) : Optional.empty();
    }
}
