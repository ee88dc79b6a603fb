package dev.mizan.tck.framework;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.mizan.tck.fixtures.identity.Identity;

/**
 * Builds the TCK's WARs: the given classes, the demo identity fixture, a
 * {@code microprofile-config.properties} with {@code mizan.secret} and per-test extras, and every
 * implementation jar from {@link TestProperty#LIBS} in {@code WEB-INF/lib}.
 */
public final class Deployments {

    private Deployments() {
    }

    /**
     * A Mizan deployment.
     *
     * @param name    the WAR's name without {@code .war}; the context root on every tested server
     * @param classes application classes to add
     * @return the archive, ready for more (web.xml, extra config via {@link #withConfig})
     */
    public static WebArchive war(String name, Class<?>... classes) {
        return withConfig(plainWar(name, classes), "").addAsLibraries(implementationJars());
    }

    /**
     * A Mizan deployment with extra config lines (e.g. {@code mizan.schema.enabled=true}).
     */
    public static WebArchive war(String name, String extraConfig, Class<?>... classes) {
        return withConfig(plainWar(name, classes), extraConfig).addAsLibraries(implementationJars());
    }

    /**
     * A Mizan deployment with the Redis cache backend's jars ({@link TestProperty#REDIS_LIBS}) and extra config lines.
     */
    public static WebArchive redisWar(String name, String extraConfig, Class<?>... classes) {
        return withConfig(plainWar(name, classes), extraConfig).addAsLibraries(jars(TestProperty.REDIS_LIBS));
    }

    /**
     * A Mizan deployment with the server-side rendering module's jars ({@link TestProperty#SSR_LIBS}), extra
     * config lines and the given resources of the WAR's class path (a server bundle).
     */
    public static WebArchive ssrWar(String name, String extraConfig, String[] resources, Class<?>... classes) {
        WebArchive war = withConfig(plainWar(name, classes), extraConfig).addAsLibraries(jars(TestProperty.SSR_LIBS));
        for (String resource : resources) {
            war.addAsResource(resource, resource);
        }
        return war;
    }

    /**
     * A deployment without Mizan: the classes and the identity fixture only. The infrastructure
     * tests use it to prove the server, the fixture and the client before blaming Mizan.
     */
    public static WebArchive plainWar(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClasses(Identity.CLASSES);
    }

    private static WebArchive withConfig(WebArchive war, String extra) {
        String config = "mizan.secret=" + TestProperty.SECRET.required() + "\n" + extra + "\n";
        return war.addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    /** @return every jar in {@link TestProperty#LIBS} */
    public static File[] implementationJars() {
        return jars(TestProperty.LIBS);
    }

    private static File[] jars(TestProperty libs) {
        Path dir = Path.of(libs.required());
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(libs.key() + " is not a directory: " + dir.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<File> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toFile).toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException(libs.key() + " holds no jars: " + dir.toAbsolutePath());
            }
            return jars.toArray(File[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
