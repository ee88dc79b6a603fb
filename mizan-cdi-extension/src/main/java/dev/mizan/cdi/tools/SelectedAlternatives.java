package dev.mizan.cdi.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The alternatives and alternative stereotypes that {@code beans.xml} files select (CDI 4.0 §5.1.1.2): the
 * {@code <class>} and {@code <stereotype>} entries of their {@code <alternatives>}. The tool reads the
 * {@code META-INF/beans.xml} and {@code WEB-INF/beans.xml} of each scanned root, the {@code beans.xml} beside a
 * {@code WEB-INF/classes} root, and the files given with {@code --beans-xml}.
 */
final class SelectedAlternatives {

    private static final List<String> IN_ROOT = List.of("META-INF/beans.xml", "WEB-INF/beans.xml");

    private SelectedAlternatives() {
    }

    /**
     * @param roots the scanned directories and jars
     * @param files further {@code beans.xml} files
     * @return the binary names of the selected classes and stereotypes
     */
    static Set<String> read(List<Path> roots, List<Path> files) {
        Set<String> names = new HashSet<>();
        List<Path> found = new ArrayList<>(files);
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                IN_ROOT.stream().map(root::resolve).filter(Files::isRegularFile).forEach(found::add);
                Path war = root.toAbsolutePath().normalize();
                if (war.endsWith(Path.of("WEB-INF", "classes")) && Files.isRegularFile(war.resolveSibling("beans.xml"))) {
                    found.add(war.resolveSibling("beans.xml"));
                }
            } else if (Files.isRegularFile(root)) {
                inJar(root, names);
            }
        }
        for (Path file : found) {
            try (InputStream in = Files.newInputStream(file)) {
                names.addAll(parse(in, file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return names;
    }

    private static void inJar(Path jar, Set<String> names) {
        try (JarFile j = new JarFile(jar.toFile())) {
            for (String entry : IN_ROOT) {
                ZipEntry e = j.getEntry(entry);
                if (e != null) {
                    try (InputStream in = j.getInputStream(e)) {
                        names.addAll(parse(in, jar + "!/" + entry));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static List<String> parse(InputStream in, String where) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // a beans.xml is data, never a reason to fetch a DTD or expand entities
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            List<String> names = new ArrayList<>();
            NodeList alternatives = builder.parse(in).getElementsByTagNameNS("*", "alternatives");
            for (int i = 0; i < alternatives.getLength(); i++) {
                NodeList entries = ((Element) alternatives.item(i)).getChildNodes();
                for (int k = 0; k < entries.getLength(); k++) {
                    if (entries.item(k) instanceof Element e
                            && ("class".equals(e.getLocalName()) || "stereotype".equals(e.getLocalName()))) {
                        names.add(e.getTextContent().trim());
                    }
                }
            }
            return names;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("cannot read " + where + " as beans.xml: " + e.getMessage(), e);
        }
    }
}
