package io.turret.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedFolderTest {
    @TempDir
    Path temp;

    private ConfinedFolder folder;
    private Path root;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(temp.resolve("out/d"));
        Files.createSymbolicLink(temp.resolve("out/d/up"), Path.of(".."));
        folder = new ConfinedFolder(temp.resolve("out"));
        root = folder.root();
    }

    @Test
    void dotDotAfterALinkClimbsFromWhereTheLinkLeads() throws Exception {
        assertEquals(root.resolve("d"), folder.resolve(root.resolve("d"), "up/d/up/d"));
        ConfinedFolder.Escape escape = assertThrows(ConfinedFolder.Escape.class,
                () -> folder.resolve(root, "d/up/d/up/../secret"));
        assertEquals("leads outside " + root, escape.getMessage());
    }

    @Test
    void absolutePathsAndLinksAreRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));

        assertEquals("is absolute", assertThrows(ConfinedFolder.Escape.class, () -> folder.resolve(root, "/etc")).getMessage());
        assertEquals("leads through the absolute link etc -> /etc",
                assertThrows(ConfinedFolder.Escape.class, () -> folder.resolve(root, "etc/passwd")).getMessage());
    }

    @Test
    void loopsAreRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));

        assertThrows(ConfinedFolder.Escape.class, () -> folder.resolve(root, "a"));
    }

    @Test
    void whatDoesNotExistResolvesByName() throws Exception {
        assertEquals(root.resolve("d/missing/x"), folder.resolve(root, "d/up/d/missing/./x"));
    }
}
