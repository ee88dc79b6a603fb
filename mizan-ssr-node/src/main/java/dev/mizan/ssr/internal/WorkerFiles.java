package dev.mizan.ssr.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The files a worker process needs on disk, extracted once per pool into a private temporary
 * directory: the worker script shipped in this jar and, for a {@code classpath:} bundle, the bundle.
 * Deleted when the pool stops.
 */
public final class WorkerFiles implements AutoCloseable {

    static final String CLASSPATH = "classpath:";
    private static final String SCRIPT = "worker.mjs";

    private final Path dir;
    private final Path script;
    private final Path bundle;
    private final boolean watchable;

    private WorkerFiles(Path dir, Path script, Path bundle, boolean watchable) {
        this.dir = dir;
        this.script = script;
        this.bundle = bundle;
        this.watchable = watchable;
    }

    /**
     * @param bundle a file path, or {@code classpath:/path} resolved through {@code loader}
     * @param loader the application's class loader
     * @return the extracted files
     */
    public static WorkerFiles extract(String bundle, ClassLoader loader) {
        Path dir;
        try {
            dir = Files.createTempDirectory("mizan-ssr-");
        } catch (IOException e) {
            throw Messages.extractFailed(e);
        }
        try {
            Path script = copy(WorkerFiles.class.getResourceAsStream(SCRIPT), dir.resolve(SCRIPT), Messages::workerScriptMissing);
            if (bundle.startsWith(CLASSPATH)) {
                String resource = bundle.substring(CLASSPATH.length()).replaceFirst("^/+", "");
                String name = resource.substring(resource.lastIndexOf('/') + 1);
                // a directory of its own: a bundle named worker.mjs must not replace the worker script
                Path target = Files.createDirectory(dir.resolve("bundle"))
                        .resolve(name.endsWith(".mjs") || name.endsWith(".js") ? name : name + ".mjs");
                copy(loader.getResourceAsStream(resource), target, () -> Messages.bundleResourceMissing(resource));
                return new WorkerFiles(dir, script, target, false);
            }
            Path file = Path.of(bundle).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw Messages.bundleMissing(file);
            }
            return new WorkerFiles(dir, script, file, true);
        } catch (IOException e) {
            delete(dir);
            throw Messages.extractFailed(e);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    private static Path copy(InputStream in, Path target, java.util.function.Supplier<RuntimeException> missing) {
        if (in == null) {
            throw missing.get();
        }
        try (in) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw Messages.extractFailed(e);
        }
    }

    /** @return the worker script */
    public Path script() {
        return script;
    }

    /** @return the bundle a worker imports */
    public Path bundle() {
        return bundle;
    }

    /** @return the bundle's modification time, or -1 when it is not a watched file */
    long bundleStamp() {
        if (!watchable) {
            return -1;
        }
        try {
            return Files.getLastModifiedTime(bundle).toMillis() ^ Files.size(bundle);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; nothing else to do
        }
    }
}
