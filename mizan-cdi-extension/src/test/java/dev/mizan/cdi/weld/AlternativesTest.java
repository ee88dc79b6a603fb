package dev.mizan.cdi.weld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mizan.cdi.internal.engine.MizanEngine;
import dev.mizan.cdi.tools.SchemaGenerator;
import dev.mizan.cdi.weld.alternatives.BaseReports;
import dev.mizan.cdi.weld.alternatives.DisabledAlternativeApi;
import dev.mizan.cdi.weld.alternatives.EnabledAlternativeApi;
import dev.mizan.cdi.weld.alternatives.Mock;
import dev.mizan.cdi.weld.alternatives.MockedApi;
import dev.mizan.cdi.weld.alternatives.SpecialReports;
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
import java.util.Map;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reference/annotations.md: alternatives and specialization. The runtime (Weld SE with the extension) decides
 * which beans serve operations; the build-time schema must list the same ones, so its hash is the server's.
 */
class AlternativesTest {

    private static final Class<?>[] BEANS = {DisabledAlternativeApi.class, EnabledAlternativeApi.class, MockedApi.class,
        BaseReports.class, SpecialReports.class};

    @TempDir
    Path tmp;

    @Test
    void onlyEnabledAlternativesServeOperations() {
        try (SeContainer cdi = WeldBed.start(BEANS)) {
            assertThat(contextNames(cdi.select(MizanEngine.class).get().schema())).containsExactly("altOn", "altReports");
        }
    }

    @Test
    void aSpecializedBeansOperationsAreServedByTheSpecializingBean() {
        try (SeContainer cdi = WeldBed.start(BEANS)) {
            byte[] body = cdi.select(MizanEngine.class).get().read("altReports", Map.of(), TestCallers.ANONYMOUS).body();
            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("\"special\"");
        }
    }

    @Test
    void theBuildTimeSchemaLeavesOutWhatTheContainerLeavesOut() {
        try (SeContainer cdi = WeldBed.start(BEANS)) {
            JsonObject runtime = cdi.select(MizanEngine.class).get().schema();
            assertThat(SchemaGenerator.json(SchemaGenerator.schema(List.of(BEANS), Duration.ofMinutes(1))))
                    .isEqualTo(SchemaGenerator.json(runtime));
        }
    }

    @Test
    void aBeansXmlThatSelectsAStereotypeEnablesItsBeansForTheToolToo() throws IOException, URISyntaxException {
        JsonObject runtime;
        try (SeContainer cdi = WeldBed.startSelecting(Mock.class, BEANS)) {
            runtime = cdi.select(MizanEngine.class).get().schema();
        }
        assertThat(contextNames(runtime)).containsExactly("altMocked", "altOn", "altReports");
        Path classes = copyFixture(tmp.resolve("classes"));
        Path beansXml = tmp.resolve("beans.xml");
        Files.writeString(beansXml, """
                <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated">
                  <alternatives><stereotype>%s</stereotype></alternatives>
                </beans>
                """.formatted(Mock.class.getName()));
        Path out = tmp.resolve("schema.json");
        StringWriter err = new StringWriter();
        ToolProvider tool = ToolProvider.findFirst(SchemaGenerator.NAME).orElseThrow();
        int status = tool.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "--classes", classes.toString(), "--out", out.toString(), "--beans-xml", beansXml.toString());
        assertThat(status).as(err.toString()).isZero();
        assertThat(Files.readString(out)).isEqualTo(SchemaGenerator.json(runtime));

        // the same file where a WAR keeps it, beside WEB-INF/classes, is found without the option
        Path war = tmp.resolve("war/WEB-INF");
        Files.createDirectories(war);
        Files.move(classes, war.resolve("classes"));
        Files.copy(beansXml, war.resolve("beans.xml"));
        status = tool.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "--classes", war.resolve("classes").toString(), "--out", out.toString());
        assertThat(status).as(err.toString()).isZero();
        assertThat(Files.readString(out)).isEqualTo(SchemaGenerator.json(runtime));
    }

    @Test
    void aBeansXmlWithADoctypeIsRefused() throws IOException, URISyntaxException {
        Path classes = copyFixture(tmp.resolve("classes"));
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/beans.xml"),
                "<!DOCTYPE beans [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><beans>&x;</beans>");
        StringWriter err = new StringWriter();
        int status = ToolProvider.findFirst(SchemaGenerator.NAME).orElseThrow().run(new PrintWriter(new StringWriter()),
                new PrintWriter(err), "--classes", classes.toString(), "--out", tmp.resolve("s.json").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("META-INF/beans.xml as beans.xml").doesNotContain("root:");
    }

    private static List<String> contextNames(JsonObject schema) {
        return schema.getJsonArray("contexts").getValuesAs(JsonObject.class).stream().map(o -> o.getString("name")).toList();
    }

    private static Path copyFixture(Path root) throws IOException, URISyntaxException {
        return BuildTimeSchemaTest.copyPackage(Mock.class, root);
    }
}
