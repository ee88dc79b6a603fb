package dev.mizan.tck.framework;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The implementation's build-time schema tool ({@link TestProperty#SCHEMA_TOOL}), run in-process on a
 * deployment's {@code WEB-INF/classes} with no server, as an application's build runs it.
 */
public final class SchemaTool {

    private SchemaTool() {
    }

    /**
     * Runs the tool on the archive's classes.
     *
     * @param war     the deployment
     * @param openApi also write the OpenAPI document ({@code --openapi})
     * @return the files written: the schema, then the OpenAPI document when asked for
     * @throws AssertionError with the tool's error output when it does not exit with 0
     */
    public static Written run(WebArchive war, boolean openApi) {
        try {
            // everything written here is deleted when the test JVM exits (files before their directories)
            Path classes = Files.createTempDirectory("mizan-tck-classes");
            writeClasses(war, classes);
            try (Stream<Path> tree = Files.walk(classes)) {
                tree.forEach(SchemaTool::deleteOnExit); // a directory comes before its entries
            }
            Path schema = deleteOnExit(classes.resolveSibling(classes.getFileName() + "-schema.json"));
            Path document = deleteOnExit(classes.resolveSibling(classes.getFileName() + "-openapi.json"));
            List<String> args = new ArrayList<>(List.of("--classes", classes.toString(), "--out", schema.toString()));
            if (openApi) {
                args.addAll(List.of("--openapi", document.toString()));
            }
            String name = TestProperty.SCHEMA_TOOL.required();
            ToolProvider tool = ServiceLoader.load(ToolProvider.class, Thread.currentThread().getContextClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).filter(t -> name.equals(t.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("no ToolProvider named " + name + " on the test class path"));
            StringWriter err = new StringWriter();
            int status = tool.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    args.toArray(String[]::new));
            if (status != 0) {
                throw new AssertionError(name + " exit status " + status + "; stderr: " + err);
            }
            return new Written(schema, openApi ? document : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the OpenAPI document the tool writes for the archive's classes as
     * {@code WEB-INF/classes/META-INF/openapi.json}, MicroProfile OpenAPI's static file: what an
     * application's build does (docs/how-to/operations.md).
     *
     * @return the same archive
     */
    public static WebArchive withOpenApi(WebArchive war) {
        return war.addAsResource(new FileAsset(run(war, true).openApi().toFile()), "META-INF/openapi.json");
    }

    /** The JVM deletes at exit in the reverse order of registration: a directory's files go before it. */
    private static Path deleteOnExit(Path path) {
        path.toFile().deleteOnExit();
        return path;
    }

    /** Writes the archive's WEB-INF/classes tree (classes and resources, config included) under a directory. */
    private static void writeClasses(WebArchive war, Path root) throws IOException {
        String prefix = "/WEB-INF/classes/";
        for (Map.Entry<ArchivePath, Node> e : war.getContent().entrySet()) {
            String path = e.getKey().get();
            if (path.startsWith(prefix) && e.getValue().getAsset() != null) {
                Path file = root.resolve(path.substring(prefix.length()));
                Files.createDirectories(file.getParent());
                try (InputStream in = e.getValue().getAsset().openStream()) {
                    Files.copy(in, file);
                }
            }
        }
    }

    /**
     * @param schema  the schema document written
     * @param openApi the OpenAPI document written, null when not asked for
     */
    public record Written(Path schema, Path openApi) {
    }
}
