package io.turret.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeTreeTest {
    private static final long SMALL = 4L << 20;

    /** Every file under the root by its relative path, with its content's hash. */
    private static Map<String, Integer> contents(Path root) throws IOException {
        Map<String, Integer> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(file).toString(), Arrays.hashCode(Files.readAllBytes(file)));
            }
        }
        return contents;
    }

    private static long bytes(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @Test
    void theSameFilesOfMixedSizesAndKindsEveryTime(@TempDir Path folder) throws IOException {
        long files = LargeTree.write(folder.resolve("one"), SMALL);
        LargeTree.write(folder.resolve("two"), SMALL);

        assertEquals(contents(folder.resolve("one")), contents(folder.resolve("two")));
        assertEquals(SMALL, bytes(folder.resolve("one")));
        assertEquals(files, contents(folder.resolve("one")).size());
        assertTrue(contents(folder.resolve("one")).keySet().stream().anyMatch(path -> path.endsWith(".go")));
        assertTrue(contents(folder.resolve("one")).keySet().stream().anyMatch(path -> path.endsWith(".bin")));
        assertTrue(files > 20, "files: " + files);
    }

    @Test
    void itIsWrittenOnceThenMovedIntoTheGoModulesTestdataAndOutAgain(@TempDir Path folder) throws IOException {
        Path project = folder.resolve("project");
        Path module = Files.createDirectories(project.resolve("go"));
        Path inProject = project.resolve(LargeTree.IN_PROJECT);
        LargeTree tree = new LargeTree(folder.resolve("parked"), SMALL);

        tree.moveInto(project);

        assertEquals(SMALL, bytes(inProject));
        assertTrue(inProject.startsWith(module.resolve("testdata")), inProject.toString());

        Files.writeString(inProject.resolve("left by the test"), "");
        tree.moveOutOf(project);

        try (Stream<Path> left = Files.list(module)) {
            assertEquals(List.of(), left.toList());
        }

        tree.moveInto(project);

        assertTrue(Files.exists(inProject.resolve("left by the test")), "written again instead of moved back");
    }
}
