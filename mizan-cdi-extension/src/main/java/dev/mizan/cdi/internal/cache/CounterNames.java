package dev.mizan.cdi.internal.cache;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Names of the generation counters that stamp cache entries (docs/internals/cache-design.md), without any backend prefix.
 *
 * <p>{@code {C}} is the context name inside braces: a Redis Cluster hash tag, so the counters of one
 * context share a slot. Per-user counters across contexts ({@code u:}) have no tag.
 */
public final class CounterNames {

    /** The global epoch, part of every stamp: bumping it invalidates everything. */
    public static final String EPOCH = "epoch";

    private CounterNames() {
    }

    /**
     * The counters an entry is stamped with, in a fixed order.
     *
     * @param context      the context name
     * @param userToken    the user's token for a USER-scope entry, empty for a PUBLIC one
     * @param groupDigests one digest per param group of the context
     * @return {@code epoch}, {@code c:{C}}, then for a user {@code u:<t>} and {@code cu:{C}:<t>}, then {@code g:{C}:<d>} per group
     */
    public static List<String> forEntry(String context, Optional<String> userToken, List<String> groupDigests) {
        return ContextCounterNames.of(context).forEntry(userToken, groupDigests);
    }

    /** @return the counter of every entry of context {@code c}: {@code c:{c}} */
    public static String context(String c) {
        return ContextCounterNames.of(c).context();
    }

    /** @return the counter of one user's entries in every context: {@code u:<userToken>} */
    public static String user(String userToken) {
        return "u:" + Objects.requireNonNull(userToken, "userToken");
    }

    /** @return the counter of one user's entries in context {@code c}: {@code cu:{c}:<userToken>} */
    public static String contextUser(String c, String userToken) {
        return ContextCounterNames.of(c).contextUser(userToken);
    }

    /** @return the counter of one param group's value in context {@code c}: {@code g:{c}:<digest>} */
    public static String group(String c, String digest) {
        return ContextCounterNames.of(c).group(digest);
    }
}
