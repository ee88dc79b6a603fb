package dev.mizan.cdi.internal.runtime;

import dev.mizan.cdi.internal.engine.MizanSettings;
import jakarta.enterprise.inject.spi.DefinitionException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the {@code mizan.*} keys of docs/reference/config.md from MicroProfile Config, with their defaults, and
 * collects what is wrong with them (reported as deployment problems). Never logs secret values.
 */
public final class ConfigReader {

    /** The prefix of every key. */
    public static final String PREFIX = "mizan.";

    private final Config config;
    private final List<DefinitionException> problems = new ArrayList<>();
    private final MizanSettings settings;

    private ConfigReader(Config config) {
        this.config = config;
        boolean dev = bool("dev", false);
        this.settings = new MizanSettings(
                dev,
                bool("schema.enabled", dev),
                list("cors.origins"),
                bool("csrf.enabled", true),
                string("cache.backend").orElse("memory"),
                duration("cache.ttl", Duration.ofMinutes(1)),
                number("cache.memory.max-entries", 10_000),
                string("cache.repurge-delay").map(v -> duration("cache.repurge-delay", Duration.ZERO)),
                number("limits.max-body", 1_048_576),
                (int) number("limits.max-depth", 64),
                (int) number("limits.max-url", 8192),
                string("edge.tag-header").orElse("Cache-Tag"));
        if (!dev && string("secret").isEmpty()) {
            problems.add(new DefinitionException("MZCDI00100: mizan.secret is not set. Set it (at least 32 random bytes, "
                    + "the same on every node) in MicroProfile Config, or set mizan.dev=true for development"));
        }
        if (string("secret").filter(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 16).isPresent()) {
            problems.add(new DefinitionException("MZCDI00101: mizan.secret is too short; use at least 16 bytes (32 recommended)"));
        }
    }

    /** @return a reader over the current application's config */
    public static ConfigReader current() {
        return new ConfigReader(ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader()));
    }

    /** @return the parsed settings */
    public MizanSettings settings() {
        return settings;
    }

    /** @return {@code mizan.cache.ttl} */
    public Duration cacheTtl() {
        return settings.cacheTtl();
    }

    /** @return what is wrong with the configuration */
    public List<DefinitionException> problems() {
        return problems;
    }

    /**
     * @param key a full key, e.g. {@code mizan.cache.redis.url}
     * @return its value, empty when unset or blank
     */
    public Optional<String> raw(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** @return {@code mizan.secret} */
    Optional<String> secret() {
        return string("secret");
    }

    /** @return {@code mizan.secret.previous} */
    Optional<String> previousSecret() {
        return string("secret.previous");
    }

    private Optional<String> string(String key) {
        return raw(PREFIX + key);
    }

    private boolean bool(String key, boolean fallback) {
        return string(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    private long number(String key, long fallback) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new DefinitionException("MZCDI00102: " + PREFIX + key + " = '" + v.get() + "' is not a positive whole number"));
        return fallback;
    }

    private Duration duration(String key, Duration fallback) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(v.get());
        } catch (DateTimeParseException e) {
            problems.add(new DefinitionException("MZCDI00103: " + PREFIX + key + " = '" + v.get()
                    + "' is not an ISO-8601 duration (e.g. PT30S)"));
            return fallback;
        }
    }

    private List<String> list(String key) {
        return string(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
