package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.turret.failure.UserFailure;
import io.turret.files.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerPlannerTest {
    @TempDir
    Path project;

    private Path outputs;
    private LayerPlanner planner;

    @BeforeEach
    void setUp() throws Exception {
        outputs = project.resolve("target/turret/build");
        planner = new LayerPlanner(layer -> layer.fromBuildOutput() ? outputs.resolve(layer.builder()) : project, project);
    }

    static ServiceSpec service(LayerSpec... layers) {
        return new ServiceSpec("api", new BaseImage.Scratch(), List.of(layers), List.of(), List.of(), Map.of(), List.of(),
                null, null, Map.of());
    }

    private Path file(Path path, String content, String mode) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    private static List<String> entries(FileEntriesLayer layer) {
        return layer.getEntries().stream()
                .map(entry -> entry.getExtractionPath() + " " + entry.getPermissions().toOctalString()).toList();
    }

    @Test
    void projectFilesGoBelowBuildOutputsWhateverTheOrderWritten() throws Exception {
        file(outputs.resolve("go/api"), "ELF", "rwxr-xr-x");
        file(project.resolve("config/api.conf"), "x", "rw-r--r--");

        List<FileEntriesLayer> layers = planner.plan(service(new LayerSpec("go", "api", "/api", null),
                new LayerSpec(null, "config", "/etc/api", null)));

        assertEquals(List.of("config", "go:api"), layers.stream().map(FileEntriesLayer::getName).toList());
    }

    @Test
    void aFileLandsAtIntoOrInIntoWhenItEndsWithASlash() throws Exception {
        file(outputs.resolve("go/api"), "ELF", "rwxr-xr-x");

        assertEquals(List.of("/api 755"), entries(planner.plan(service(new LayerSpec("go", "api", "/api", null))).get(0)));
        assertEquals(List.of("/usr/local/bin/api 755"),
                entries(planner.plan(service(new LayerSpec("go", "api", "/usr/local/bin/", null))).get(0)));
    }

    @Test
    void aFoldersContentLandsUnderIntoWithFixedModes() throws Exception {
        file(outputs.resolve("frontend/app/server.py"), "x", "rw-rw-rw-");
        file(outputs.resolve("frontend/app/run.sh"), "x", "rwx------");
        Files.createDirectories(outputs.resolve("frontend/app/static"));

        List<String> entries = entries(planner.plan(service(new LayerSpec("frontend", "app", "/srv/app", null))).get(0));

        assertEquals(List.of("/srv/app 755", "/srv/app/run.sh 755", "/srv/app/server.py 644", "/srv/app/static 755"), entries);
    }

    @Test
    void aConfiguredModeAppliesToEveryFile() throws Exception {
        file(project.resolve("scripts/start"), "x", "rw-r--r--");

        assertEquals(List.of("/start 750"),
                entries(planner.plan(service(new LayerSpec(null, "scripts/start", "/start", 0750))).get(0)));
    }

    @Test
    void aMissingBuildOutputNamesTheServiceThePathAndTheFix() {
        UserFailure failure = assertThrows(UserFailure.class,
                () -> planner.plan(service(new LayerSpec("go", "api", "/api", null))));

        assertEquals("<service> 'api': <layer> go:api: target/turret/build/go/api does not exist; run turret:build first"
                + " (mvn turret:build turret:assemble), or fix <path> to name one of the builder's outputs.", failure.getMessage());
    }

    @Test
    void sourcesKeepTheirContent() throws Exception {
        Path api = file(outputs.resolve("go/api"), "ELF", "rwxr-xr-x");

        FileEntry entry = planner.plan(service(new LayerSpec("go", "api", "/api", null))).get(0).getEntries().get(0);

        assertEquals(api, entry.getSourceFile());
        assertTrue(entry.getOwnership().isEmpty() || entry.getOwnership().equals("0:0"), entry.getOwnership());
    }

    private static List<Path> sourceFiles(List<FileEntriesLayer> layers) {
        return layers.stream().flatMap(layer -> layer.getEntries().stream()).map(FileEntry::getSourceFile).toList();
    }

    @Test
    void aLinkInABuildOutputThatLeadsOutsideFailsNamingIt() throws Exception {
        file(project.resolve("secret"), "of the build machine", "rw-------");
        file(outputs.resolve("go/app/server"), "ELF", "rwxr-xr-x");
        Files.createDirectories(outputs.resolve("go/d"));
        Files.createSymbolicLink(outputs.resolve("go/d/up"), Path.of(".."));
        // reads as go/d/up/d/up/secret, inside; d/up is go itself, so it is four folders above go: the project's secret
        Files.createSymbolicLink(outputs.resolve("go/app/x"), Path.of("../d/up/d/up/d/up/d/up/../../../../secret"));

        UserFailure failure = assertThrows(UserFailure.class,
                () -> planner.plan(service(new LayerSpec("go", "app", "/srv/app", null))));

        assertEquals("<service> 'api': <layer> go:app: target/turret/build/go/app/x, a link to ../d/up/d/up/d/up/d/up/../../../../secret,"
                + " leads outside target/turret/build/go; a layer reads nothing outside target/turret/build/go: make the link stay inside it,"
                + " or put a copy there.", failure.getMessage());
    }

    @Test
    void absoluteAndUpwardLinksAndLoopsFailNamingTheLink() throws Exception {
        file(project.resolve("secret"), "of the build machine", "rw-------");
        for (String target : List.of(project.resolve("secret").toString(), "../../../../../secret", "loop")) {
            Folders.deleteRecursively(outputs);
            file(outputs.resolve("go/app/server"), "ELF", "rwxr-xr-x");
            Files.createSymbolicLink(outputs.resolve("go/app/loop"), Path.of(target));

            UserFailure failure = assertThrows(UserFailure.class,
                    () -> planner.plan(service(new LayerSpec("go", "app", "/srv/app", null))), target);

            assertTrue(failure.getMessage().startsWith("<service> 'api': <layer> go:app: target/turret/build/go/app/loop, a link to "
                    + target + ", "), failure.getMessage());
        }
    }

    @Test
    void aLayerPathThroughALinkThatLeadsOutsideFails() throws Exception {
        file(project.resolve("secret"), "of the build machine", "rw-------");
        Files.createDirectories(outputs.resolve("go"));
        Files.createSymbolicLink(outputs.resolve("go/up"), Path.of("../../../.."));

        UserFailure failure = assertThrows(UserFailure.class,
                () -> planner.plan(service(new LayerSpec("go", "up/secret", "/secret", null))));

        assertTrue(failure.getMessage().startsWith("<service> 'api': <layer> go:up/secret: <path>up/secret</path> leads outside"),
                failure.getMessage());
    }

    @Test
    void aLinkToAFileOfTheOutputBringsThatFileAndNothingOutside() throws Exception {
        file(outputs.resolve("go/bin/run-1.0"), "#!/bin/sh", "rwxr-xr-x");
        Files.createDirectories(outputs.resolve("go/app"));
        Files.createSymbolicLink(outputs.resolve("go/app/run"), Path.of("../bin/run-1.0"));
        Files.createSymbolicLink(outputs.resolve("go/api"), Path.of("bin/run-1.0"));

        List<FileEntriesLayer> layers = planner.plan(service(new LayerSpec("go", "app", "/srv/app", null),
                new LayerSpec("go", "api", "/usr/bin/", null)));

        assertEquals(List.of("/srv/app 755", "/srv/app/run 755"), entries(layers.get(0)));
        assertEquals(List.of("/usr/bin/api 755"), entries(layers.get(1)));
        Path real = outputs.resolve("go").toRealPath();
        for (Path source : sourceFiles(layers)) {
            assertEquals(source.toRealPath(), source, "jib reads " + source + " through no link");
            assertTrue(source.startsWith(real), source + " is in the output");
        }
    }

    @Test
    void aLinkToAFolderOrToNothingFailsNamingIt() throws Exception {
        file(outputs.resolve("frontend/assets/app.css"), "x", "rw-r--r--");
        Files.createDirectories(outputs.resolve("frontend/app"));
        Files.createSymbolicLink(outputs.resolve("frontend/app/static"), Path.of("../assets"));

        UserFailure folder = assertThrows(UserFailure.class,
                () -> planner.plan(service(new LayerSpec("frontend", "app", "/srv/app", null))));
        Files.delete(outputs.resolve("frontend/app/static"));
        Files.createSymbolicLink(outputs.resolve("frontend/app/static"), Path.of("../nothing"));
        UserFailure nothing = assertThrows(UserFailure.class,
                () -> planner.plan(service(new LayerSpec("frontend", "app", "/srv/app", null))));

        assertTrue(folder.getMessage().startsWith("<service> 'api': <layer> frontend:app: target/turret/build/frontend/app/static"
                + " is a link to the folder ../assets;"), folder.getMessage());
        assertEquals("<service> 'api': <layer> frontend:app: target/turret/build/frontend/app/static is a link to ../nothing,"
                + " which is not a file of target/turret/build/frontend.", nothing.getMessage());
    }

    @Test
    void aProjectLinkThatLeadsOutOfTheProjectFails() throws Exception {
        Path outside = file(project.getParent().resolve("outside-" + project.getFileName()), "x", "rw-r--r--");
        Files.createDirectories(project.resolve("config"));
        Files.createSymbolicLink(project.resolve("config/api.conf"), Path.of("../../" + outside.getFileName()));
        try {
            UserFailure failure = assertThrows(UserFailure.class,
                    () -> planner.plan(service(new LayerSpec(null, "config", "/etc/api", null))));

            assertTrue(failure.getMessage().startsWith("<service> 'api': <layer> config: config/api.conf, a link to ../../"
                    + outside.getFileName() + ", leads outside the project folder"), failure.getMessage());
        } finally {
            Files.delete(outside);
        }
    }
}
