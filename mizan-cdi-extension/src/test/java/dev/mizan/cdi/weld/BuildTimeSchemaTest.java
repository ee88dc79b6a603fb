package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.tools.SchemaDefinitionException;
import dev.mizan.cdi.tools.SchemaGenerator;
import dev.mizan.cdi.tools.fixture.Fixture;
import dev.mizan.cdi.weld.broken.BadDuration;
import dev.mizan.cdi.weld.broken.DuplicateName;
import dev.mizan.cdi.weld.broken.FinalInvalidates;
import dev.mizan.cdi.weld.broken.ImplementedWithoutAnnotations;
import dev.mizan.cdi.weld.broken.InvalidatesMissingParam;
import dev.mizan.cdi.weld.broken.InvalidatesParamTwice;
import dev.mizan.cdi.weld.broken.InvalidatesParamType;
import dev.mizan.cdi.weld.broken.JsonValueReturn;
import dev.mizan.cdi.weld.broken.MalformedName;
import dev.mizan.cdi.weld.broken.MapKeyParam;
import dev.mizan.cdi.weld.broken.ObjectParam;
import dev.mizan.cdi.weld.broken.PublicWithRoles;
import dev.mizan.cdi.weld.broken.TwoErrors;
import dev.mizan.cdi.weld.broken.UnknownInvalidates;
import dev.mizan.cdi.weld.broken.UserWithEdge;
import dev.mizan.cdi.weld.broken.VoidContext;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/reference/schema.md: the schema built from compiled classes, with no container, is the document the running
 * application serves. The reference is the runtime path: Weld SE with Mizan's extension.
 */
class BuildTimeSchemaTest {

    private static JsonObject runtime;

    @TempDir
    Path tmp;

    @BeforeAll
    static void deploy() {
        try (SeContainer cdi = WeldBed.start(Fixture.CLASSES)) {
            runtime = cdi.select(MizanEngine.class).get().schema();
        }
    }

    @Test
    void fixtureIsRichEnoughToCompare() {
        assertThat(runtime.getJsonArray("contexts").getValuesAs(JsonObject.class)).extracting(o -> o.getString("name"))
                .containsExactly("audit", "task", "tasks", "totals");
        assertThat(runtime.getJsonArray("functions").getValuesAs(JsonObject.class)).extracting(o -> o.getString("name"))
                .containsExactly("save", "scores", "start", "wipe");
        assertThat(runtime.getJsonObject("types").keySet()).contains("Task", "Priority");
    }

    @Test
    void inheritedOperationKeepsItsDeclaringClassRoles() {
        // Jakarta Annotations: a class-level @RolesAllowed covers the methods that class declares
        JsonObject audit = runtime.getJsonArray("contexts").getJsonObject(0);
        assertThat(audit.getString("name")).isEqualTo("audit");
        assertThat(audit.getString("access")).isEqualTo("roles");
        assertThat(audit.getJsonArray("roles").getString(0)).isEqualTo("auditor");
    }

    @Test
    void classesGiveTheRuntimeDocument() {
        JsonObject built = SchemaGenerator.schema(List.of(Fixture.CLASSES), Duration.ofMinutes(1));
        assertThat(built).isEqualTo(runtime);
        assertThat(SchemaGenerator.json(built)).isEqualTo(SchemaGenerator.json(runtime));
        assertThat(built.getString("hash")).isEqualTo(runtime.getString("hash"));
    }

    @Test
    void toolOnAClassDirectoryWritesTheRuntimeBytes() throws IOException, URISyntaxException {
        Path classes = copyFixture(tmp.resolve("classes"));
        Path out = tmp.resolve("out/schema.json");
        Run run = run("--classes", classes.toString(), "--out", out.toString());
        assertThat(run.status).as(run.err).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(SchemaGenerator.json(runtime).getBytes(StandardCharsets.UTF_8));
        assertThat(run.out).contains(runtime.getString("hash"));
    }

    @Test
    void toolOnAJarWritesTheRuntimeBytes() throws IOException, URISyntaxException {
        Path classes = copyFixture(tmp.resolve("classes"));
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        Path out = tmp.resolve("schema.json");
        Run run = run("--classes", jar.toString(), "--out", out.toString());
        assertThat(run.status).as(run.err).isZero();
        assertThat(Files.readString(out)).isEqualTo(SchemaGenerator.json(runtime));
    }

    @Test
    void cacheTtlComesFromTheSystemPropertyThenTheConfigFile() throws IOException, URISyntaxException {
        Path classes = copyFixture(tmp.resolve("classes"));
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/microprofile-config.properties"), "mizan.cache.ttl=PT2M\n");
        Path out = tmp.resolve("schema.json");
        assertThat(run("--classes", classes.toString(), "--out", out.toString()).status).isZero();
        assertThat(maxAges(out)).containsExactly("PT10S", "PT2M", "PT2M", "PT2M");
        System.setProperty("mizan.cache.ttl", "PT7S");
        try {
            assertThat(run("--classes", classes.toString(), "--out", out.toString()).status).isZero();
        } finally {
            System.clearProperty("mizan.cache.ttl");
        }
        assertThat(maxAges(out)).containsExactly("PT10S", "PT7S", "PT7S", "PT7S");
    }

    @Test
    void malformedCacheTtlFails() throws IOException, URISyntaxException {
        Path classes = copyFixture(tmp.resolve("classes"));
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/microprofile-config.properties"), "mizan.cache.ttl=soon\n");
        Run run = run("--classes", classes.toString(), "--out", tmp.resolve("schema.json").toString());
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).contains("MZCDI00103: mizan.cache.ttl = 'soon' is not an ISO-8601 duration (e.g. PT30S)");
        assertThat(tmp.resolve("schema.json")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(classes = {BadDuration.class, DuplicateName.class, FinalInvalidates.class, ImplementedWithoutAnnotations.class,
        InvalidatesMissingParam.class, InvalidatesParamTwice.class, InvalidatesParamType.class, JsonValueReturn.class,
        MalformedName.class, MapKeyParam.class, ObjectParam.class, PublicWithRoles.class, TwoErrors.class,
        UnknownInvalidates.class, UserWithEdge.class, VoidContext.class})
    void definitionErrorsAreTheDeploymentsMessages(Class<?> broken) {
        Set<String> deployment = messages(catchThrowable(() -> WeldBed.start(broken).close()));
        assertThat(deployment).as("the deployment of %s fails", broken.getSimpleName()).isNotEmpty();
        Throwable t = catchThrowable(() -> SchemaGenerator.schema(List.of(broken), Duration.ofMinutes(1)));
        assertThat(t).isInstanceOf(SchemaDefinitionException.class);
        assertThat(new TreeSet<>(((SchemaDefinitionException) t).messages())).isEqualTo(deployment);
    }

    @Test
    void toolPrintsEveryErrorAndFails() {
        Path classes = Path.of(TwoErrors.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        // a whole test-classes directory: many broken beans at once
        Run run = run("--classes", classes.toString(), "--out", tmp.resolve("schema.json").toString());
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).contains("MZCDI00010: dev.mizan.cdi.weld.broken.TwoErrors#nothing",
                "MZCDI00011: dev.mizan.cdi.weld.broken.TwoErrors#mine", "MZCDI00001: dev.mizan.cdi.weld.broken.MalformedName#ctx");
        assertThat(tmp.resolve("schema.json")).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run().status).isEqualTo(2);
        assertThat(run("--classes", tmp.toString()).status).isEqualTo(2);
        assertThat(run("--bogus").err).contains("unexpected argument '--bogus'", "usage: mizan-schema");
    }

    private static final Pattern MESSAGE = Pattern.compile("MZCDI\\d{5}: [^\\n]*");

    private static Set<String> messages(Throwable deploymentFailure) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = deploymentFailure; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                all.append(s.getMessage()).append('\n');
            }
        }
        Set<String> found = new TreeSet<>();
        Matcher m = MESSAGE.matcher(all);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static List<String> maxAges(Path schema) throws IOException {
        try (var reader = jakarta.json.Json.createReader(Files.newBufferedReader(schema))) {
            return reader.readObject().getJsonArray("contexts").getValuesAs(JsonObject.class).stream()
                    .map(c -> c.getJsonObject("cache").getString("maxAge")).toList();
        }
    }

    /** Copies the fixture package's class files (nested classes included) as a build would leave them. */
    private static Path copyFixture(Path root) throws IOException, URISyntaxException {
        return copyPackage(Fixture.class, root);
    }

    /** Copies the class files of {@code anchor}'s package under {@code root}, as a class directory holds them. */
    static Path copyPackage(Class<?> anchor, Path root) throws IOException, URISyntaxException {
        Path source = Path.of(anchor.getResource(anchor.getSimpleName() + ".class").toURI()).getParent();
        Path target = root.resolve(anchor.getPackageName().replace('.', '/'));
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Files.copy(f, target.resolve(f.getFileName().toString()));
            }
        }
        return root;
    }

    @Test
    void withoutAJsonPImplementationTheToolSaysSo() throws IOException, InterruptedException, URISyntaxException {
        Path classes = copyFixture(tmp.resolve("classes"));
        // the test's own class path less Parsson, as an application's compile class path usually is
        String cp = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("parsson")).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                SchemaGenerator.class.getName(), "--classes", classes.toString(), "--out", tmp.resolve("s.json").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isEqualTo(1);
        assertThat(output).contains("Mizan: no JSON-P implementation on the tool's class path")
                .contains("org.eclipse.parsson:parsson").doesNotContain("Mizan: null");
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ToolProvider tool = ToolProvider.findFirst(SchemaGenerator.NAME).orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = tool.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

}
