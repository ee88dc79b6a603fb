package dev.mizan.cdi.tools;

import dev.mizan.cdi.internal.discovery.Discovered;
import dev.mizan.cdi.internal.discovery.ReflectedOperation;
import dev.mizan.cdi.internal.discovery.RegistryBuilder;
import dev.mizan.cdi.internal.openapi.OpenApiDocument;
import dev.mizan.cdi.internal.registry.Registry;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;

/**
 * Writes the schema document of {@code GET /mizan/schema} (docs/reference/schema.md) from compiled classes, with no
 * server: the same JSON text, so the same hash, as the deployed application serves. Models are built by
 * the extension's own {@link RegistryBuilder}, reading the classes by reflection instead of through CDI.
 *
 * <pre>{@code java -cp <app classes + dependencies + a JSON-P provider> dev.mizan.cdi.tools.SchemaGenerator \
 *     --classes target/classes [--classes lib.jar ...] --out target/mizan-schema.json \
 *     [--openapi target/mizan-openapi.json ...] [--root /mizan] [--beans-xml src/main/webapp/WEB-INF/beans.xml ...]}</pre>
 *
 * <p>Each {@code --openapi} file gets the OpenAPI document of the same operations (docs/how-to/operations.md),
 * with paths under {@code --root} (default {@value #DEFAULT_ROOT}); written to
 * {@code META-INF/openapi.json} in the application's classes, MicroProfile OpenAPI serves it.
 *
 * <p>Classes are loaded without being initialised. {@code mizan.cache.ttl} (the contexts' default
 * {@code maxAge}) comes from {@code -Dmizan.cache.ttl}, else from {@code META-INF/microprofile-config.properties}
 * in the scanned classes. An {@code @Alternative} bean counts when it is enabled: by {@code @Priority}, or by a
 * {@code beans.xml} in a scanned root or given with {@code --beans-xml} (see {@link SelectedAlternatives}); the
 * operations of a bean that a {@code @Specializes} bean replaces are the replacing bean's. Definition errors are printed, all of them, with the deployment's messages, and
 * the exit status is 1 (2 for a usage error). Also a {@link ToolProvider} named {@value #NAME}.
 */
public final class SchemaGenerator implements ToolProvider {

    /** The tool's name for {@link ToolProvider#findFirst(String)}. */
    public static final String NAME = "mizan-schema";

    /** Where Mizan's protocol is served, relative to the application, unless {@code --root} says otherwise. */
    public static final String DEFAULT_ROOT = "/mizan";

    private static final String USAGE = "usage: " + NAME
            + " --classes <dir|jar> [--classes <dir|jar> ...] --out <file> [--openapi <file> ...] [--root <path>]"
            + " [--beans-xml <file> ...]";

    /** For {@link java.util.ServiceLoader}; use the static methods otherwise. */
    public SchemaGenerator() {
    }

    /**
     * Runs the tool; exits with a non-zero status on failure, returns normally on success.
     *
     * @param args {@code --classes <dir|jar>} (repeatable) and {@code --out <file>}
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = new SchemaGenerator().run(out, err, args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        List<Path> roots = new ArrayList<>();
        Path target = null;
        List<Path> openApi = new ArrayList<>();
        String root = DEFAULT_ROOT;
        List<Path> beansXml = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            boolean valued = i + 1 < args.length;
            if ("--classes".equals(args[i]) && valued) {
                roots.add(Path.of(args[++i]));
            } else if ("--out".equals(args[i]) && valued) {
                target = Path.of(args[++i]);
            } else if ("--openapi".equals(args[i]) && valued) {
                openApi.add(Path.of(args[++i]));
            } else if ("--root".equals(args[i]) && valued) {
                root = args[++i];
            } else if ("--beans-xml".equals(args[i]) && valued) {
                beansXml.add(Path.of(args[++i]));
            } else {
                err.println("unexpected argument '" + args[i] + "'\n" + USAGE);
                return 2;
            }
        }
        if (roots.isEmpty() || target == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            JsonObject schema = schema(roots, beansXml);
            write(target, json(schema));
            out.println("Mizan schema " + schema.getString("hash") + " written to " + target);
            for (Path file : openApi) {
                write(file, json(OpenApiDocument.of(schema, root)));
                out.println("Mizan OpenAPI document written to " + file);
            }
            return 0;
        } catch (SchemaDefinitionException e) {
            err.println("Mizan: " + e.messages().size() + " definition error(s):");
            e.messages().forEach(err::println);
            return 1;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | LinkageError e) {
            err.println("Mizan: " + describe(e));
            return 1;
        }
    }

    /** @return what went wrong, in words: a failed class initialization has no message of its own */
    static String describe(Throwable e) {
        Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof JsonException && String.valueOf(cause.getMessage()).contains("Provider")) {
            return "no JSON-P implementation on the tool's class path (" + cause.getMessage() + "); add one, e.g. "
                    + "org.eclipse.parsson:parsson (the server brings its own at run time)";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /**
     * Scans directories and jars for bean classes and builds their schema. Classes load through a loader
     * over the roots whose parent is the thread's context class loader (which must see their dependencies).
     *
     * @param roots class directories and jars
     * @return the schema document
     * @throws SchemaDefinitionException when the classes have definition errors
     * @throws IOException when a root cannot be read
     */
    public static JsonObject schema(List<Path> roots) throws IOException {
        return schema(roots, List.of());
    }

    /**
     * The same, with {@code beans.xml} files besides those in the roots, for the alternatives they select.
     *
     * @param roots    class directories and jars
     * @param beansXml further {@code beans.xml} files (a WAR's {@code src/main/webapp/WEB-INF/beans.xml}, say)
     * @return the schema document
     * @throws SchemaDefinitionException when the classes have definition errors
     * @throws IOException when a root cannot be read
     */
    public static JsonObject schema(List<Path> roots, List<Path> beansXml) throws IOException {
        Duration ttl = CacheTtlSetting.read(roots);
        Set<String> selected = SelectedAlternatives.read(roots, beansXml);
        URL[] urls = new URL[roots.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = url(roots.get(i));
        }
        try (URLClassLoader loader = new URLClassLoader(urls, Thread.currentThread().getContextClassLoader())) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path root : roots) {
                for (String name : ClassFiles.names(root)) {
                    classes.add(load(name, loader));
                }
            }
            return schema(classes, ttl, selected);
        }
    }

    /**
     * Builds the schema of the given classes: the bean classes among them contribute their operations.
     *
     * @param classes  candidate classes (others are ignored)
     * @param cacheTtl {@code mizan.cache.ttl}
     * @return the schema document
     * @throws SchemaDefinitionException when the classes have definition errors
     */
    public static JsonObject schema(Collection<Class<?>> classes, Duration cacheTtl) {
        return schema(classes, cacheTtl, Set.of());
    }

    /**
     * The same, with the alternatives that {@code beans.xml} files select.
     *
     * @param classes  candidate classes (others are ignored)
     * @param cacheTtl {@code mizan.cache.ttl}
     * @param selected binary names of the alternative classes and stereotypes a {@code beans.xml} selects
     * @return the schema document
     * @throws SchemaDefinitionException when the classes have definition errors
     */
    public static JsonObject schema(Collection<Class<?>> classes, Duration cacheTtl, Set<String> selected) {
        Discovered discovered = new Discovered();
        classes.stream().filter(c -> BeanClasses.isCandidate(c, selected)).sorted(Comparator.comparing(Class::getName))
                .forEach(c -> {
                    ReflectedOperation.of(c).forEach(m -> discovered.offer(null, c, m));
                    ReflectedOperation.abstractOf(c).forEach(m -> discovered.offer(null, c, m));
                });
        RegistryBuilder builder = new RegistryBuilder(cacheTtl);
        Registry registry = discovered.build(builder);
        if (!builder.errors().isEmpty()) {
            throw new SchemaDefinitionException(builder.errors().stream().map(DefinitionException::getMessage).toList());
        }
        return registry.schema();
    }

    /**
     * @param schema a schema document
     * @return its compact JSON text, as {@code GET /mizan/schema} writes it
     */
    public static String json(JsonObject schema) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonProvider.provider().createGenerator(text)) {
            g.write(schema);
        }
        return text.toString();
    }

    private static void write(Path file, String text) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("cannot load " + name + " (is every dependency on the class path?): " + e, e);
        }
    }

    private static URL url(Path root) {
        try {
            return root.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable path: " + root, e);
        }
    }
}
