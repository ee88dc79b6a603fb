package dev.mizan.ssr.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code mizan.ssr.*} settings (see the README's configuration table and docs/how-to/ssr.md).
 *
 * @param command    {@code node}, {@code bun} or a path to either
 * @param bundle     a file path, or {@code classpath:/...} for a bundle shipped inside the application
 * @param poolSize   how many workers
 * @param timeout    the longest a render (and the wait for a free worker) may take
 * @param maxRenders renders after which a worker is recycled
 * @param maxReply   the largest reply (head + html) accepted, in bytes
 * @param failOpen   whether a failed render sends the client-rendered shell (else 503)
 * @param dev        {@code mizan.dev}: a changed bundle file replaces the workers
 */
public record SsrSettings(String command, String bundle, int poolSize, Duration timeout, int maxRenders,
                          long maxReply, boolean failOpen, boolean dev) {

    /**
     * Reads the settings through a lookup of raw values by key (without the {@code mizan.} prefix).
     *
     * @param raw the configuration, e.g. MicroProfile Config's {@code getOptionalValue}
     * @return the settings, with the defaults of the README's table
     */
    public static SsrSettings read(Function<String, Optional<String>> raw) {
        return new SsrSettings(
                raw.apply("ssr.command").orElse("node"),
                raw.apply("ssr.bundle").filter(s -> !s.isBlank()).orElse(null),
                positive(raw, "ssr.pool.size", Runtime.getRuntime().availableProcessors()),
                duration(raw, "ssr.timeout", Duration.ofSeconds(5)),
                positive(raw, "ssr.max-renders", 10_000),
                positive(raw, "ssr.max-reply", 8_388_608),
                bool(raw, "ssr.fail-open", true),
                bool(raw, "dev", false));
    }

    /** @return whether a bundle is configured (SSR on) */
    public boolean enabled() {
        return bundle != null;
    }

    private static int positive(Function<String, Optional<String>> raw, String key, int dflt) {
        String v = raw.apply(key).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Messages.badSetting(key, v, "a positive integer");
    }

    private static Duration duration(Function<String, Optional<String>> raw, String key, Duration dflt) {
        String v = raw.apply(key).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            Duration d = Duration.parse(v.trim());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw Messages.badSetting(key, v, "a positive ISO-8601 duration such as PT5S");
    }

    private static boolean bool(Function<String, Optional<String>> raw, String key, boolean dflt) {
        String v = raw.apply(key).orElse(null);
        if (v == null) {
            return dflt;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Messages.badSetting(key, v, "true or false");
        };
    }
}
