package io.turret.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of the README and of docs/ leads to a file that exists, and to a heading that exists. */
class DocumentationLinksTest {
    private static final Path README = Path.of("../README.md");
    private static final Path DOCS = Path.of("../docs");

    @TempDir
    Path temp;

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsLeadsSomewhere() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() > 1, "docs/ holds the reference pages");
        List<String> broken = pages.stream().flatMap(page -> MarkdownLinks.broken(page).stream()).toList();
        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    @Test
    void theReadmeStaysShort() throws IOException {
        long lines = Files.readAllLines(README).size();
        assertTrue(lines < 300, "the README has " + lines + " lines: move the reference to docs/");
    }

    @Test
    void aLinkToAFileThatDoesNotExistIsBroken() throws IOException {
        Files.writeString(temp.resolve("there.md"), "# There\n");
        Path page = Files.writeString(temp.resolve("page.md"), "See [there](there.md) and [gone](docs/gone.md).\n");
        assertEquals(List.of(page + ":1: docs/gone.md (no such file)"), MarkdownLinks.broken(page));
    }

    @Test
    void aLinkToAHeadingThatDoesNotExistIsBroken() throws IOException {
        Files.writeString(temp.resolve("goal.md"), "# `turret:push`: what was tested\n\n## Releases that stay whole\n");
        Path page = Files.writeString(temp.resolve("page.md"), """
                [ok](goal.md#releases-that-stay-whole) [ok](goal.md#turretpush-what-was-tested) [here](#title)
                # Title
                [old](goal.md#releases-that-stay-hole)
                """);
        assertEquals(List.of(page + ":3: goal.md#releases-that-stay-hole (no such heading in goal.md)"),
                MarkdownLinks.broken(page));
    }

    @Test
    void repeatedHeadingsAreNumberedAndCodeAndOtherSitesAreNotChecked() throws IOException {
        Path page = Files.writeString(temp.resolve("page.md"), """
                ## Properties
                ## Properties
                [second](#properties-1) [site](https://example.com/gone) [mail](mailto:a@example.com)
                ```
                [not a link](nowhere.md)
                ```
                """);
        assertEquals(List.of(), MarkdownLinks.broken(page));
        assertEquals(List.of("properties", "properties-1"), List.copyOf(MarkdownLinks.anchors(page)));
    }
}
