package dev.mizan.ssr.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

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
 * @param commandOptions the command's own options, given before the worker script (V8's flags for Node,
 *                       some of which Node refuses in {@code NODE_OPTIONS})
 */
public record SsrSettings(String command, String bundle, int poolSize, Duration timeout, int maxRenders,
                          long maxReply, boolean failOpen, boolean dev, List<String> commandOptions) {

    public SsrSettings {
        commandOptions = List.copyOf(commandOptions);
    }

    /** Settings whose command runs with no options of its own. */
    public SsrSettings(String command, String bundle, int poolSize, Duration timeout, int maxRenders,
                       long maxReply, boolean failOpen, boolean dev) {
        this(command, bundle, poolSize, timeout, maxRenders, maxReply, failOpen, dev, List.of());
    }

    /**
     * The longest {@code mizan.ssr.timeout}: a render's deadline is {@code System.nanoTime()} plus the
     * timeout in nanoseconds, which overflows (every render failing) for "effectively none" values.
     */
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    /** @return the raw values of {@code mizan.*} keys in {@code config}, looked up by the key without that prefix */
    static Function<String, Optional<String>> raw(Config config) {
        return key -> config.getOptionalValue("mizan." + key, String.class);
    }

    /**
     * @return {@code mizan.ssr.bundle}, a blank value counting as unset; {@link PageResourcesCheck} reads
     *         it on its own, before the pool starts
     */
    static Optional<String> readBundle(Function<String, Optional<String>> raw) {
        return raw.apply("ssr.bundle").filter(s -> !s.isBlank());
    }

    /**
     * Reads the settings through a lookup of raw values by key (without the {@code mizan.} prefix).
     *
     * @param raw the configuration, e.g. MicroProfile Config's {@code getOptionalValue}
     * @return the settings, with the defaults of the README's table
     * @throws IllegalArgumentException naming every malformed key at once ({@code MZSSR00003}), as the
     *                                  core reports all of a deployment's bad values together
     */
    public static SsrSettings read(Function<String, Optional<String>> raw) {
        List<String> problems = new ArrayList<>();
        SsrSettings settings = new SsrSettings(
                raw.apply("ssr.command").orElse("node"),
                readBundle(raw).orElse(null),
                positive(raw, problems, "ssr.pool.size", Runtime.getRuntime().availableProcessors()),
                duration(raw, problems, "ssr.timeout", Duration.ofSeconds(5), MAX_TIMEOUT),
                positive(raw, problems, "ssr.max-renders", 10_000),
                positive(raw, problems, "ssr.max-reply", 8_388_608),
                bool(raw, problems, "ssr.fail-open", true),
                bool(raw, problems, "dev", false),
                raw.apply("ssr.command-options").map(String::strip).filter(v -> !v.isEmpty())
                        .map(v -> List.of(v.split("\\s+"))).orElse(List.of()));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return settings;
    }

    /** @return a new list, which the caller may extend: the command, then its options (a worker's script and bundle follow) */
    public List<String> commandLine() {
        List<String> line = new ArrayList<>(1 + commandOptions.size());
        line.add(command);
        line.addAll(commandOptions);
        return line;
    }

    /** @return whether a bundle is configured (SSR on) */
    public boolean enabled() {
        return bundle != null;
    }

    private static int positive(Function<String, Optional<String>> raw, List<String> problems, String key, int dflt) {
        return value(raw, problems, key, dflt, v -> {
            int n = Integer.parseInt(v);
            return n > 0 ? n : null;
        }, "a positive integer");
    }

    private static Duration duration(Function<String, Optional<String>> raw, List<String> problems, String key,
                                     Duration dflt, Duration max) {
        return value(raw, problems, key, dflt, v -> {
            Duration d = Duration.parse(v);
            return d.isNegative() || d.isZero() || d.compareTo(max) > 0 ? null : d;
        }, "a positive ISO-8601 duration such as PT5S, at most " + max);
    }

    /**
     * MicroProfile Config's words for true, as the core reads {@code mizan.dev} (docs/reference/config.md),
     * and their opposites; anything else is refused rather than read as false.
     */
    private static boolean bool(Function<String, Optional<String>> raw, List<String> problems, String key, boolean dflt) {
        return value(raw, problems, key, dflt, v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "y", "on", "1" -> Boolean.TRUE;
            case "false", "no", "n", "off", "0" -> Boolean.FALSE;
            default -> null;
        }, "a boolean (true, yes, on, 1 / false, no, off, 0)");
    }

    /**
     * @return the trimmed value parsed, or the default when absent; when {@code parse} fails or gives
     *         null, the default, with {@code MZSSR00003} added to {@code problems}
     */
    private static <T> T value(Function<String, Optional<String>> raw, List<String> problems, String key, T dflt,
                               Function<String, T> parse, String expected) {
        String v = raw.apply(key).orElse(null);
        if (v == null) {
            return dflt;
        }
        T parsed = null;
        try {
            parsed = parse.apply(v.trim());
        } catch (RuntimeException e) {
            // reported below
        }
        if (parsed == null) {
            problems.add(Messages.badSetting(key, v, expected));
            return dflt;
        }
        return parsed;
    }
}
