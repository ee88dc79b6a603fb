package dev.mizan.cdi.internal.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The counter names of one context ({@link CounterNames}), their fixed parts built once at deployment:
 * a read or a purge then adds only its user token or group digest.
 *
 * @param context          {@code c:{C}}
 * @param contextUserStart {@code cu:{C}:}
 * @param groupStart       {@code g:{C}:}
 */
public record ContextCounterNames(String context, String contextUserStart, String groupStart) {

    /** @return the names of context {@code c} */
    public static ContextCounterNames of(String c) {
        String tag = "{" + Objects.requireNonNull(c, "context") + "}";
        return new ContextCounterNames("c:" + tag, "cu:" + tag + ":", "g:" + tag + ":");
    }

    /** @return the counter of one user's entries in this context: {@code cu:{C}:<userToken>} */
    public String contextUser(String userToken) {
        return contextUserStart + Objects.requireNonNull(userToken, "userToken");
    }

    /** @return the counter of one param group's value in this context: {@code g:{C}:<digest>} */
    public String group(String digest) {
        return groupStart + Objects.requireNonNull(digest, "digest");
    }

    /**
     * The counters an entry is stamped with, in a fixed order.
     *
     * @param userToken    the user's token for a USER-scope entry, empty for a PUBLIC one
     * @param groupDigests one digest per param group of the context
     * @return {@code epoch}, {@code c:{C}}, then for a user {@code u:<t>} and {@code cu:{C}:<t>}, then {@code g:{C}:<d>} per group
     */
    public List<String> forEntry(Optional<String> userToken, List<String> groupDigests) {
        List<String> names = new ArrayList<>(4 + groupDigests.size());
        names.add(CounterNames.EPOCH);
        names.add(context);
        userToken.ifPresent(token -> {
            names.add(CounterNames.user(token));
            names.add(contextUser(token));
        });
        for (String digest : groupDigests) {
            names.add(group(digest));
        }
        return List.copyOf(names);
    }
}
