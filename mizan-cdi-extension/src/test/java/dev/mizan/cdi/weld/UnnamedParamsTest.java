package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mizan.cdi.tools.SchemaDefinitionException;
import dev.mizan.cdi.tools.SchemaGenerator;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class compiled without {@code -parameters} (this build passes it everywhere, so the fixture is
 * compiled here): its parameters have no names, and the message says how to give them one.
 */
class UnnamedParamsTest {

    private static final String SOURCE = """
            package dev.mizan.cdi.weld.unnamed;

            import dev.mizan.Invalidates;
            import dev.mizan.MizanContext;
            import dev.mizan.MizanFunction;
            import dev.mizan.Param;
            import dev.mizan.Scope;
            import jakarta.enterprise.context.Dependent;

            @Dependent
            public class Unnamed {
                @MizanContext(value = "items", scope = Scope.PUBLIC) public String items(@Param("list") long list) { return ""; }
                @Invalidates(value = "items", params = "list") public void add(long list) { }
                @MizanFunction @Invalidates(value = "items", params = "list") public void put(long list) { }
            }
            """;

    @TempDir
    static Path dir;
    private static Class<?> unnamed;

    @BeforeAll
    static void compile() throws IOException, ClassNotFoundException {
        Path source = dir.resolve("src/dev/mizan/cdi/weld/unnamed/Unnamed.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        assertThat(status).as("javac").isZero();
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, UnnamedParamsTest.class.getClassLoader());
        unnamed = Class.forName("dev.mizan.cdi.weld.unnamed.Unnamed", false, loader);
        assertThat(unnamed.getMethods()).filteredOn(m -> m.getName().equals("add") || m.getName().equals("put"))
                .allSatisfy(m -> assertThat(m.getParameters()[0].isNamePresent()).isFalse());
    }

    @Test
    void anUnnamedInvalidatesParameterIsToldHowToName() {
        String add = "MZCDI00009: dev.mizan.cdi.weld.unnamed.Unnamed#add: parameter #0 has no name;"
                + " annotate it with @Param or compile with -parameters";
        String put = add.replace("#add", "#put");
        Throwable deployment = catchThrowable(() -> WeldBed.start(unnamed).close());
        assertThat(deployment).isInstanceOf(DeploymentException.class);
        assertThat(WeldBed.messages(deployment)).contains(add, put).doesNotContain("MZCDI00005");
        // the same messages at build time, and a function's unnamed parameter is reported once, not again for its @Invalidates
        Throwable tool = catchThrowable(() -> SchemaGenerator.schema(List.of(unnamed), Duration.ofMinutes(1)));
        assertThat(((SchemaDefinitionException) tool).messages()).containsExactlyInAnyOrder(add, put);
    }
}
