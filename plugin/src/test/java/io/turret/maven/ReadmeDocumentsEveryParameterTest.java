package io.turret.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps the documentation true to the plugin, as the generated descriptor lists it: every goal in
 * the README's goals table, linked to its page in {@code docs/} that has a heading naming it; and
 * every parameter a user can set, with its property and literal default, in the table of every
 * parameter in {@code docs/configuration.md}.
 */
class ReadmeDocumentsEveryParameterTest {
    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Path README = Path.of("../README.md");
    private static final Path CONFIGURATION = Path.of("../docs/configuration.md");
    /** A goal's row in the README's goals table: its name, linked to its page in docs/. */
    private static final Pattern GOAL_LINK = Pattern.compile("\\[`turret:([a-z-]+)`]\\((docs/[a-z-]+\\.md)(#[^)]*)?\\)");

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

    /** Goal → the page its row in the README's goals table links to. */
    private static Map<String, Path> goalPages(String readme) {
        Map<String, Path> pages = new TreeMap<>();
        readme.lines().filter(line -> line.startsWith("| ")).forEach(row -> {
            Matcher link = GOAL_LINK.matcher(row);
            while (link.find()) {
                pages.putIfAbsent(link.group(1), README.resolveSibling(link.group(2)));
            }
        });
        return pages;
    }

    @Test
    void everyGoalIsInTheReadmesGoalsTableWithAPageOfItsOwnInDocs() throws Exception {
        Map<String, Path> pages = goalPages(Files.readString(README));
        Set<String> missing = new TreeSet<>();
        for (Element mojo : children(children(descriptor().getDocumentElement(), "mojos").get(0), "mojo")) {
            String goal = text(mojo, "goal");
            if (goal.equals("help")) {
                continue;
            }
            Path page = pages.get(goal);
            if (page == null) {
                missing.add("`turret:" + goal + "`: no row in the README's goals table links it to a page in docs/");
            } else if (!Files.isRegularFile(page)) {
                missing.add("`turret:" + goal + "`: its page " + page + " does not exist");
            } else if (Files.readAllLines(page).stream()
                    .noneMatch(line -> line.startsWith("#") && line.contains("`turret:" + goal + "`"))) {
                missing.add("`turret:" + goal + "`: no heading of " + page + " names it");
            }
        }
        assertEquals(Set.of(), missing, "goals the documentation does not give a page");
    }

    @Test
    void everyParameterIsInTheConfigurationPageByItsPropertyAndElement() throws Exception {
        String page = Files.readString(CONFIGURATION);
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
                String line = page.lines().filter(candidate -> candidate.startsWith(row)).findFirst().orElse(null);
                if (line == null) {
                    missing.add(text(mojo, "goal") + ": " + row);
                } else if (!defaultValue.isEmpty() && !defaultValue.startsWith("${")
                        && !line.split("\\|")[3].strip().equals("`" + defaultValue + "`")) {
                    missing.add(text(mojo, "goal") + ": " + row + " default `" + defaultValue + "`");
                }
            }
        }
        assertEquals(Set.of(), missing, "parameters docs/configuration.md does not document");
    }
}
