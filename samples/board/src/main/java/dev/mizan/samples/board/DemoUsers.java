package dev.mizan.samples.board;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The board's two demo users, for the sample only: alice / alice-pw and bob / bob-pw. */
final class DemoUsers {

    record User(String name, String password, Set<String> groups) {
    }

    private static final Map<String, User> USERS = Map.of(
            "alice", new User("alice", "alice-pw", Set.of("user")),
            "bob", new User("bob", "bob-pw", Set.of("user")));

    private DemoUsers() {
    }

    /** Checks a password in constant time for known users. */
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
}
