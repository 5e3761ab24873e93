package io.turret.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.builder.BuildSettings;
import io.turret.docker.EngineImage;
import io.turret.docker.FakeDocker;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.reuse.ContentKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictInputsTest {
    private static final Digest IMAGE_1 = Digest.of(new byte[] {1});
    private static final Digest IMAGE_2 = Digest.of(new byte[] {2});
    @TempDir
    Path project;

    private final FakeDocker docker = new FakeDocker();

    @BeforeEach
    void sourcesAndImages() throws Exception {
        Files.createDirectories(project.resolve("go"));
        Files.writeString(project.resolve("go/system_test.go"), "package integration\n");
        docker.images.put("go-builder:1", new EngineImage("sha256:" + "b".repeat(64), 1, List.of()));
        docker.images.put("etcd:3", new EngineImage("sha256:" + "e".repeat(64), 1, List.of()));
    }

    private EnvironmentSettings settings(Digest apiImage, Map<String, String> apiEnvironment, String script) {
        BuildSettings build = new BuildSettings("sample", project, project.resolve("target"), project.resolve("target/turret"), 2,
                List.of());
        TestContainerSpec api = new TestContainerSpec("api", "api", null, List.of(), apiEnvironment, null, List.of(8080), null,
                null, List.of());
        TestContainerSpec etcd = new TestContainerSpec("etcd", null, "etcd:3", List.of(), Map.of(), null, List.of(), null, null,
                List.of());
        RunnerSpec runner = new RunnerSpec("go-integration", Optional.empty(), "go-builder:1", List.of("go"), null, script,
                Map.of(), List.of(), "/reports", null);
        return new EnvironmentSettings(build, List.of(etcd, api), List.of(runner), Map.of("api", apiImage), false);
    }

    private Optional<String> key(Digest apiImage, Map<String, String> apiEnvironment, String script) {
        return VerdictInputs.key(settings(apiImage, apiEnvironment, script), docker, new ContentKeys());
    }

    @Test
    void theSameImagesAndRunnersGiveTheSameKey() {
        assertTrue(key(IMAGE_1, Map.of(), "go test ./...").isPresent());
        assertEquals(key(IMAGE_1, Map.of(), "go test ./..."), key(IMAGE_1, Map.of(), "go test ./..."));
    }

    @Test
    void anotherImageIdOfAServiceOrOfAnImageChangesTheKey() {
        Optional<String> before = key(IMAGE_1, Map.of(), "go test ./...");

        assertNotEquals(before, key(IMAGE_2, Map.of(), "go test ./..."));
        docker.images.put("etcd:3", new EngineImage("sha256:" + "f".repeat(64), 1, List.of()));
        assertNotEquals(before, key(IMAGE_1, Map.of(), "go test ./..."));
    }

    @Test
    void aTestContainersSettingOrARunnersInputsChangeTheKey() throws Exception {
        Optional<String> before = key(IMAGE_1, Map.of(), "go test ./...");

        assertNotEquals(before, key(IMAGE_1, Map.of("REDIS_MASTER", "redis:6379"), "go test ./..."));
        assertNotEquals(before, key(IMAGE_1, Map.of(), "go test -v ./..."));
        Files.writeString(project.resolve("go/system_test.go"), "package integration // changed\n");
        assertNotEquals(before, key(IMAGE_1, Map.of(), "go test ./..."));
    }

    @Test
    void anImageTheEngineDoesNotHaveGivesNoKey() {
        docker.images.remove("etcd:3");

        assertEquals(Optional.empty(), key(IMAGE_1, Map.of(), "go test ./..."));
    }

    @Test
    void thePlatformTheServicesRanAsChangesTheKey() {
        EnvironmentSettings settings = settings(IMAGE_1, Map.of(), "go test ./...");
        Optional<String> enginesOwn = VerdictInputs.key(settings, docker, new ContentKeys());

        assertNotEquals(enginesOwn, VerdictInputs.key(settings.withPlatform(Platform.of("linux", "arm64")), docker, new ContentKeys()));
        assertNotEquals(VerdictInputs.key(settings.withPlatform(Platform.of("linux", "arm64")), docker, new ContentKeys()),
                VerdictInputs.key(settings.withPlatform(Platform.of("linux", "s390x")), docker, new ContentKeys()));
    }
}
