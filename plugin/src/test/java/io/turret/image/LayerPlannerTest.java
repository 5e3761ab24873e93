package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.turret.failure.UserFailure;
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
        planner = new LayerPlanner(layer -> layer.fromBuildOutput()
                ? outputs.resolve(layer.builder()).resolve(layer.path()) : project.resolve(layer.path()), project);
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
}
