package io.turret.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps the README true to the plugin: every goal, and every parameter a user can set, with its
 * property and literal default, in the README's table of every parameter, as the generated
 * descriptor lists them.
 */
class ReadmeDocumentsEveryParameterTest {
    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Path README = Path.of("../README.md");

    private static Document descriptor() throws Exception {
        assertTrue(Files.isRegularFile(DESCRIPTOR), DESCRIPTOR + " is generated before the tests run");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
    }

    private static List<Element> children(Node parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    @Test
    void everyGoalIsInTheReadme() throws Exception {
        String readme = Files.readString(README);
        Set<String> missing = new TreeSet<>();
        for (Element mojo : children(children(descriptor().getDocumentElement(), "mojos").get(0), "mojo")) {
            String goal = "`turret:" + text(mojo, "goal") + "`";
            if (!readme.contains(goal) && !text(mojo, "goal").equals("help")) {
                missing.add(goal);
            }
        }
        assertEquals(Set.of(), missing, "goals the README does not name");
    }

    @Test
    void everyParameterIsInTheReadmeByItsPropertyOrElement() throws Exception {
        String readme = Files.readString(README);
        Set<String> missing = new TreeSet<>();
        for (Element mojo : children(children(descriptor().getDocumentElement(), "mojos").get(0), "mojo")) {
            if (text(mojo, "goal").equals("help")) {
                continue;
            }
            Element configuration = children(mojo, "configuration").get(0);
            for (Element parameter : children(children(mojo, "parameters").get(0), "parameter")) {
                if (!text(parameter, "editable").equals("true")) {
                    continue;
                }
                String name = text(parameter, "name");
                List<Element> expression = children(configuration, name);
                String value = expression.isEmpty() ? "" : expression.get(0).getTextContent().strip();
                String defaultValue = expression.isEmpty() ? "" : expression.get(0).getAttribute("default-value");
                String property = value.startsWith("${") ? "`" + value.substring(2, value.length() - 1) + "`" : "";
                String row = "| " + property + (property.isEmpty() ? "" : " ") + "| `<" + name + ">` |";
                String line = readme.lines().filter(candidate -> candidate.startsWith(row)).findFirst().orElse(null);
                if (line == null) {
                    missing.add(text(mojo, "goal") + ": " + row);
                } else if (!defaultValue.isEmpty() && !defaultValue.startsWith("${")
                        && !line.split("\\|")[3].strip().equals("`" + defaultValue + "`")) {
                    missing.add(text(mojo, "goal") + ": " + row + " default `" + defaultValue + "`");
                }
            }
        }
        assertEquals(Set.of(), missing, "parameters the README does not document");
    }
}
