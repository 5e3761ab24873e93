package io.turret.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.turret.oci.Digest;
import io.turret.reuse.ContentKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderInputsTest {
    private static final Digest IMAGE_ID = Digest.parse("sha256:" + "a".repeat(64));

    @TempDir
    Path project;

    private final BuilderSpec go = new BuilderSpec("go", "go-builder:1", List.of("go"), null, "go build -o /out/ ./...",
            Map.of("CGO_ENABLED", "0"), List.of("/out"), List.of("/cache"), null, List.of("**/*.log"));

    @BeforeEach
    void sources() throws Exception {
        Files.createDirectories(project.resolve("go/cmd"));
        Files.writeString(project.resolve("go/cmd/main.go"), "package main\n");
        Files.writeString(project.resolve("go/go.mod"), "module x\n");
        Files.createDirectories(project.resolve("target"));
    }

    private String key(BuilderSpec builder, Digest imageId) {
        return BuilderInputs.key(builder, imageId, project, project.resolve("target"), new ContentKeys());
    }

    private String key() {
        return key(go, IMAGE_ID);
    }

    @Test
    void theSameInputsGiveTheSameKey() {
        assertEquals(key(), key());
        assertEquals(64, key().length());
    }

    @Test
    void touchingAFileDoesNotChangeTheKey() throws Exception {
        String before = key();
        Files.setLastModifiedTime(project.resolve("go/cmd/main.go"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        Files.setLastModifiedTime(project.resolve("go/cmd"), FileTime.from(Instant.parse("2002-01-01T00:00:00Z")));

        assertEquals(before, key());
    }

    @Test
    void aChangedSourceFileChangesTheKey() throws Exception {
        String before = key();
        Files.writeString(project.resolve("go/cmd/main.go"), "package main // changed\n");

        assertNotEquals(before, key());
    }

    @Test
    void aNewRenamedOrReModedFileChangesTheKey() throws Exception {
        String before = key();
        Files.writeString(project.resolve("go/cmd/extra.go"), "package main\n");
        String added = key();
        Files.move(project.resolve("go/cmd/extra.go"), project.resolve("go/cmd/other.go"));
        String renamed = key();
        Files.setPosixFilePermissions(project.resolve("go/cmd/other.go"), PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(4, List.of(before, added, renamed, key()).stream().distinct().count());
    }

    @Test
    void anExcludedFileDoesNotChangeTheKey() throws Exception {
        String before = key();
        Files.writeString(project.resolve("go/cmd/debug.log"), "noise\n");
        Files.createDirectories(project.resolve("go/.git"));
        Files.writeString(project.resolve("go/.git/HEAD"), "ref\n");

        assertEquals(before, key());
    }

    @Test
    void anotherImageIdChangesTheKey() {
        assertNotEquals(key(), key(go, Digest.parse("sha256:" + "b".repeat(64))));
    }

    @Test
    void eachSettingChangesTheKey() {
        List<BuilderSpec> changed = List.of(
                spec("go build ./...", Map.of("CGO_ENABLED", "0"), List.of("/out"), List.of("/cache"), null, null),
                spec(go.script(), Map.of("CGO_ENABLED", "1"), List.of("/out"), List.of("/cache"), null, null),
                spec(go.script(), Map.of("CGO_ENABLED", "0", "GOFLAGS", "-x"), List.of("/out"), List.of("/cache"), null, null),
                spec(go.script(), Map.of("CGO_ENABLED", "0"), List.of("/bin"), List.of("/cache"), null, null),
                spec(go.script(), Map.of("CGO_ENABLED", "0"), List.of("/out"), List.of(), null, null),
                spec(go.script(), Map.of("CGO_ENABLED", "0"), List.of("/out"), List.of("/cache"), "/src", null),
                spec(go.script(), Map.of("CGO_ENABLED", "0"), List.of("/out"), List.of("/cache"), null, "bridge"));

        for (BuilderSpec builder : changed) {
            assertNotEquals(key(), key(builder, IMAGE_ID), builder.toString());
        }
    }

    @Test
    void theNameAndTimeoutAreNotInputs() {
        BuilderSpec renamed = new BuilderSpec("go2", go.image(), go.sources(), null, go.script(), go.environment(), go.outputs(),
                go.caches(), null, go.excludes(), BuilderSpec.timeout(60));

        assertEquals(key(), key(renamed, IMAGE_ID));
    }

    private BuilderSpec spec(String script, Map<String, String> environment, List<String> outputs, List<String> caches,
            String workingDirectory, String network) {
        return new BuilderSpec("go", go.image(), go.sources(), workingDirectory, script, environment, outputs, caches, network,
                go.excludes());
    }
}
