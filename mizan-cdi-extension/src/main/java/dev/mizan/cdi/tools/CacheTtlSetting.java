package dev.mizan.cdi.tools;

import dev.mizan.cdi.internal.config.ConfigMessages;
import dev.mizan.cdi.internal.config.MizanConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * {@code mizan.cache.ttl} at build time, the one config key the schema shows (each context's default
 * {@code maxAge}). As MicroProfile Config ranks them: a system property ({@code -Dmizan.cache.ttl}),
 * then an environment variable ({@code MIZAN_CACHE_TTL}, under MicroProfile Config's three spellings),
 * then {@code META-INF/microprofile-config.properties} in the scanned classes, then the default. A value
 * given only to the server (its own config source, say) is not seen here: the schema hash the tool
 * writes then differs from the server's (docs/reference/config.md).
 */
final class CacheTtlSetting {

    static final String KEY = MizanConfig.CACHE_TTL;
    static final Duration DEFAULT = MizanConfig.DEFAULT_TTL;
    private static final String FILE = "META-INF/microprofile-config.properties";
    private static final String ENV_SNAKE = KEY.replaceAll("[^A-Za-z0-9]", "_");

    private CacheTtlSetting() {
    }

    /**
     * @param roots the scanned directories and jars
     * @return the value
     * @throws SchemaDefinitionException with the deployment's message when the value is not a duration
     */
    static Duration read(List<Path> roots) {
        return read(roots, System::getenv);
    }

    /** The same, with the environment given (for tests). */
    static Duration read(List<Path> roots, Function<String, String> env) {
        Optional<String> raw = Optional.ofNullable(System.getProperty(KEY)).map(String::trim).filter(s -> !s.isEmpty());
        // MicroProfile Config's environment names of a key: as is, non-alphanumerics as '_', then upper-cased
        for (String name : List.of(KEY, ENV_SNAKE, ENV_SNAKE.toUpperCase(Locale.ROOT))) {
            if (raw.isPresent()) {
                break;
            }
            raw = Optional.ofNullable(env.apply(name)).map(String::trim).filter(s -> !s.isEmpty());
        }
        for (Path root : roots) {
            if (raw.isPresent()) {
                break;
            }
            raw = Optional.ofNullable(fileProperties(root).getProperty(KEY)).map(String::trim).filter(s -> !s.isEmpty());
        }
        if (raw.isEmpty()) {
            return DEFAULT;
        }
        try {
            return Duration.parse(raw.get());
        } catch (DateTimeParseException e) {
            // the message MizanConfig gives the same value at deployment
            throw new SchemaDefinitionException(List.of(ConfigMessages.notDuration(KEY, raw.get())));
        }
    }

    private static Properties fileProperties(Path root) {
        Properties p = new Properties();
        try {
            if (Files.isDirectory(root)) {
                Path file = root.resolve(FILE);
                if (Files.isRegularFile(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        p.load(in);
                    }
                }
            } else if (Files.isRegularFile(root)) {
                try (JarFile jar = new JarFile(root.toFile())) {
                    ZipEntry entry = jar.getEntry(FILE);
                    if (entry != null) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            p.load(in);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE + " in " + root, e);
        }
        return p;
    }
}
