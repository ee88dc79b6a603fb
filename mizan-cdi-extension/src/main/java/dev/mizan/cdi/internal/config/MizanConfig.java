package dev.mizan.cdi.internal.config;

import dev.mizan.cdi.internal.engine.MizanSettings;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every core {@code mizan.*} key, its default, and the one place that reads them: once, at
 * deployment, through MicroProfile Config's own converters (so {@code mizan.dev=yes} is true, as
 * MicroProfile Config says). What cannot be converted is collected as deployment problems. Secret
 * values are never put in a message. The keys are documented in docs/reference/config.md.
 */
public final class MizanConfig {

    /** The prefix of every key. */
    public static final String PREFIX = "mizan.";
    public static final String SECRET = PREFIX + "secret";
    public static final String SECRET_PREVIOUS = PREFIX + "secret.previous";
    public static final String DEV = PREFIX + "dev";
    public static final String SCHEMA_ENABLED = PREFIX + "schema.enabled";
    public static final String CORS_ORIGINS = PREFIX + "cors.origins";
    public static final String CSRF_ENABLED = PREFIX + "csrf.enabled";
    public static final String CACHE_BACKEND = PREFIX + "cache.backend";
    public static final String CACHE_TTL = PREFIX + "cache.ttl";
    public static final String MEMORY_MAX_ENTRIES = PREFIX + "cache.memory.max-entries";
    public static final String REPURGE_DELAY = PREFIX + "cache.repurge-delay";
    public static final String MAX_BODY = PREFIX + "limits.max-body";
    public static final String MAX_DEPTH = PREFIX + "limits.max-depth";
    public static final String MAX_URL = PREFIX + "limits.max-url";
    public static final String TAG_HEADER = PREFIX + "edge.tag-header";
    public static final String MAX_REFRESH = PREFIX + "limits.max-refresh";
    public static final String EVENTS_ENABLED = PREFIX + "events.enabled";
    public static final String EVENTS_HEARTBEAT = PREFIX + "events.heartbeat";
    public static final String EVENTS_MAX_STREAMS = PREFIX + "events.max-streams";
    public static final String HEALTH_READY_WHEN_CACHE_DEGRADED = PREFIX + "health.ready-when-cache-degraded";

    public static final String DEFAULT_BACKEND = "memory";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);
    public static final long DEFAULT_MEMORY_MAX_ENTRIES = 10_000;
    public static final long DEFAULT_MAX_BODY = 1_048_576;
    public static final long DEFAULT_MAX_DEPTH = 64;
    public static final long DEFAULT_MAX_URL = 8192;
    public static final String DEFAULT_TAG_HEADER = "Cache-Tag";
    public static final long DEFAULT_MAX_REFRESH = 32;
    public static final Duration DEFAULT_EVENTS_HEARTBEAT = Duration.ofSeconds(25);
    public static final long DEFAULT_EVENTS_MAX_STREAMS = 10_000;
    /** The shortest secret accepted, in UTF-8 bytes. */
    public static final int MIN_SECRET_BYTES = 16;

    /** The opposites of MicroProfile Config's words for true (docs/reference/config.md). */
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "n", "off", "0");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private final Config config;
    private final List<DeploymentException> problems = new ArrayList<>();
    private final MizanSettings settings;
    private final Optional<String> secret;
    private final Optional<String> previousSecret;

    MizanConfig(Config config) {
        this.config = config;
        boolean dev = bool(DEV, false);
        this.settings = new MizanSettings(
                dev,
                bool(SCHEMA_ENABLED, dev),
                origins(CORS_ORIGINS),
                bool(CSRF_ENABLED, true),
                raw(CACHE_BACKEND).orElse(DEFAULT_BACKEND),
                positiveDuration(CACHE_TTL, DEFAULT_TTL),
                positive(MEMORY_MAX_ENTRIES, DEFAULT_MEMORY_MAX_ENTRIES),
                positiveDuration(REPURGE_DELAY),
                positive(MAX_BODY, DEFAULT_MAX_BODY),
                (int) Math.min(Integer.MAX_VALUE, positive(MAX_DEPTH, DEFAULT_MAX_DEPTH)),
                (int) Math.min(Integer.MAX_VALUE, positive(MAX_URL, DEFAULT_MAX_URL)),
                headerName(TAG_HEADER, DEFAULT_TAG_HEADER),
                (int) Math.min(Integer.MAX_VALUE, positive(MAX_REFRESH, DEFAULT_MAX_REFRESH)),
                bool(EVENTS_ENABLED, true),
                positiveDuration(EVENTS_HEARTBEAT, DEFAULT_EVENTS_HEARTBEAT),
                (int) Math.min(Integer.MAX_VALUE, positive(EVENTS_MAX_STREAMS, DEFAULT_EVENTS_MAX_STREAMS)),
                bool(HEALTH_READY_WHEN_CACHE_DEGRADED, false));
        this.secret = raw(SECRET);
        this.previousSecret = raw(SECRET_PREVIOUS);
        if (!dev && secret.isEmpty()) {
            problems.add(ConfigMessages.secretMissing());
        }
        checkLength(SECRET, secret);
        checkLength(SECRET_PREVIOUS, previousSecret);
    }

    /** @return the current application's config (the thread context class loader's) */
    public static MizanConfig current() {
        return new MizanConfig(ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader()));
    }

    /** @return the converted settings (defaults where a value was bad; see {@link #problems()}) */
    public MizanSettings settings() {
        return settings;
    }

    /** @return {@code mizan.secret} */
    public Optional<String> secret() {
        return secret;
    }

    /** @return {@code mizan.secret.previous} */
    public Optional<String> previousSecret() {
        return previousSecret;
    }

    /** @return what is wrong with the configuration, each a numbered message */
    public List<DeploymentException> problems() {
        return problems;
    }

    /**
     * The raw text of any key, for other modules' keys (a cache backend's, say).
     *
     * @param key a full key, e.g. {@code mizan.cache.redis.url}
     * @return its value, empty when unset or blank
     */
    public Optional<String> raw(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private void checkLength(String key, Optional<String> value) {
        value.map(s -> s.getBytes(StandardCharsets.UTF_8).length).filter(n -> n < MIN_SECRET_BYTES)
                .ifPresent(n -> problems.add(ConfigMessages.secretTooShort(key, n)));
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        // MicroProfile Config's Boolean converter: true, yes, y, on, 1 (any case) are true, any other word false.
        // Only its words for false are taken as false: a typo (mizan.csrf.enabled=ture) must not switch a check off
        boolean value = config.getValue(key, Boolean.class);
        if (!value && !FALSE_WORDS.contains(v.get().toLowerCase(Locale.ROOT))) {
            problems.add(ConfigMessages.badValue(ConfigMessages.notBoolean(key, v.get())));
            return fallback;
        }
        return value;
    }

    private long positive(String key, long fallback) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = config.getValue(key, Long.class);
            if (n > 0) {
                return n;
            }
        } catch (RuntimeException e) {
            // NumberFormatException, or the implementation's conversion failure: reported below, with the key
        }
        problems.add(ConfigMessages.badValue(ConfigMessages.notPositive(key, v.get())));
        return fallback;
    }

    private Optional<Duration> duration(String key) {
        Optional<String> v = raw(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            // the trimmed text, as numbers and booleans are read (MicroProfile Config's implicit
            // Duration.parse converter keeps the spaces a .properties file may leave)
            return Optional.of(Duration.parse(v.get()));
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(ConfigMessages.badValue(ConfigMessages.notDuration(key, v.get())));
            return Optional.empty();
        }
    }

    private Duration positiveDuration(String key, Duration fallback) {
        return positiveDuration(key).orElse(fallback);
    }

    private Optional<Duration> positiveDuration(String key) {
        Optional<Duration> d = duration(key);
        if (d.isEmpty()) {
            return d;
        }
        // whole milliseconds: what the timers and TTLs these keys drive count in (PT0.0005S would be zero)
        String problem;
        try {
            problem = d.get().toMillis() < 1 ? ConfigMessages.notPositiveDuration(key, raw(key).orElseThrow()) : null;
        } catch (ArithmeticException e) {
            problem = ConfigMessages.tooLongDuration(key, raw(key).orElseThrow());
        }
        if (problem != null) {
            problems.add(ConfigMessages.badValue(problem));
            return Optional.empty();
        }
        return d;
    }

    /**
     * A list of origins, each {@code scheme://host[:port]} and nothing more: an entry that is not one
     * (a bare host, a path, {@code *}) would never match a request's {@code Origin}, so it is refused
     * here rather than silently ignored. The others are normalized once, here ({@link Origins#normalize}),
     * so that a request's normalized {@code Origin} is only looked up among them.
     */
    private List<String> origins(String key) {
        List<String> origins = new ArrayList<>();
        for (String given : config.getOptionalValues(key, String.class).orElse(List.of())) {
            if (given.isBlank()) {
                continue;
            }
            Optional<String> origin = Origins.normalize(given);
            if (origin.isEmpty()) {
                problems.add(ConfigMessages.notOrigin(key, given.trim()));
            } else {
                origins.add(origin.get());
            }
        }
        return origins;
    }

    private String headerName(String key, String fallback) {
        Optional<String> v = raw(key);
        if (v.isPresent() && !TOKEN.matcher(v.get()).matches()) {
            problems.add(ConfigMessages.notHeaderName(key, v.get()));
            return fallback;
        }
        return v.orElse(fallback);
    }
}
