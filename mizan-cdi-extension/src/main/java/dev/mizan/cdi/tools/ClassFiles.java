package dev.mizan.cdi.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Lists the class names in a directory of class files or a jar, without loading any. */
final class ClassFiles {

    private static final String SUFFIX = ".class";

    private ClassFiles() {
    }

    /**
     * @param root a directory (a class output folder) or a jar
     * @return the binary names of its classes, sorted; {@code module-info}, {@code package-info} and
     *         multi-release entries under {@code META-INF} are left out
     */
    static List<String> names(Path root) {
        List<String> entries = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile)
                            .map(f -> root.relativize(f).toString().replace(root.getFileSystem().getSeparator(), "/"))
                            .forEach(entries::add);
                }
            } else if (Files.isRegularFile(root)) {
                try (JarFile jar = new JarFile(root.toFile())) {
                    jar.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).forEach(entries::add);
                }
            } else {
                throw new IllegalArgumentException("no such directory or jar: " + root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        return entries.stream()
                .filter(e -> e.endsWith(SUFFIX) && !e.startsWith("META-INF/"))
                .map(e -> e.substring(0, e.length() - SUFFIX.length()))
                .filter(e -> !e.endsWith("module-info") && !e.endsWith("package-info"))
                .map(e -> e.replace('/', '.'))
                .sorted()
                .toList();
    }
}
