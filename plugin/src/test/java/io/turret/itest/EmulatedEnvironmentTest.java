package io.turret.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.builder.BuildSettings;
import io.turret.docker.ContainerSpec;
import io.turret.docker.ContainerState;
import io.turret.docker.EngineImage;
import io.turret.docker.FakeDocker;
import io.turret.docker.Leftovers;
import io.turret.docker.RunResources;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.report.Log;
import io.turret.report.RecordingLog;
import io.turret.run.FakeProcesses;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import io.turret.run.ScratchFolders;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test environment for another platform's images: its services start as that platform, the rest natively. */
class EmulatedEnvironmentTest {
    private static final Platform ARM64 = Platform.of("linux", "arm64");
    private static final Digest API_IMAGE = Digest.of(new byte[] {1});

    @TempDir
    Path project;

    private final FakeDocker docker = new FakeDocker();
    private final RecordingLog log = new RecordingLog();
    private RunResources run;

    @BeforeEach
    void open() {
        docker.images.put("redis:7", new EngineImage("sha256:" + "a".repeat(64), 1, List.of()));
        docker.images.put(API_IMAGE.toString(), new EngineImage(API_IMAGE.toString(), 1, List.of()));
        docker.onInspect = id -> new ContainerState(docker.containers.containsKey(id), 0, Optional.empty(), Map.of(),
                Optional.empty());
        Owner self = Owner.current();
        Liveness liveness = new Liveness(self, new FakeProcesses().running(self), Duration.ofHours(6), Clock.systemUTC());
        run = RunResources.open(docker, "run-1", "shop", new Leftovers(liveness, (stateFile, runId) -> false),
                new ScratchFolders(project.resolve("target/turret/tmp"), liveness, Log.silent()), Log.silent());
    }

    @AfterEach
    void close() {
        run.close();
    }

    private EnvironmentSettings settings() {
        BuildSettings build = new BuildSettings("shop", project, project.resolve("target"), project.resolve("target/turret"), 2,
                List.of());
        return new EnvironmentSettings(build, List.of(EnvironmentSettingsTest.container("redis", null, "redis:7"),
                EnvironmentSettingsTest.container(null, "api", null, "redis")), List.of(), Map.of("api", API_IMAGE), false);
    }

    private Map<String, Optional<Platform>> platformsCreated() {
        Map<String, Optional<Platform>> platforms = new java.util.TreeMap<>();
        docker.created.forEach(spec -> platforms.put(spec.labels().get("io.turret.role"), spec.platform()));
        return platforms;
    }

    @Test
    void theServicesOfAnotherPlatformStartAsThatPlatformAndTheOtherContainersNatively() {
        new TestEnvironment(docker, log).start(settings().withPlatform(ARM64), run);

        assertEquals(Map.of("test-redis", Optional.empty(), "test-api", Optional.of(ARM64)), platformsCreated());
        assertTrue(log.infos.contains("[api] up as linux/arm64 (emulated) (the container running)"), log.infos.toString());
    }

    @Test
    void anEnvironmentWithoutAPlatformStartsEverythingAsBefore() {
        new TestEnvironment(docker, log).start(settings(), run);

        assertEquals(Map.of("test-redis", Optional.empty(), "test-api", Optional.empty()), platformsCreated());
    }

    @Test
    void theEnginesOwnPlatformNeedsNoPlatformOnTheContainer() {
        new TestEnvironment(docker, log).start(settings().withPlatform(docker.platform()), run);

        assertEquals(Map.of("test-redis", Optional.empty(), "test-api", Optional.empty()), platformsCreated());
    }

    /** The container created as another platform exits at once, with {@code log}; the others run. */
    private void theEmulatedContainerExitsWith(String log) {
        String[] emulated = new String[1];
        docker.onStartContainer = id -> {
            if (docker.created.get(docker.created.size() - 1).platform().isPresent()) {
                emulated[0] = id;
            }
        };
        docker.onInspect = id -> new ContainerState(!id.equals(emulated[0]) && docker.containers.containsKey(id), 1,
                Optional.empty(), Map.of(), Optional.empty());
        docker.onLogs = id -> id.equals(emulated[0]) ? List.of(log) : List.of();
    }

    @Test
    void anExecFormatErrorOfAnEmulatedServiceSaysInOneLineWhatToInstallAndNothingIsLeft() {
        theEmulatedContainerExitsWith("exec /api: exec format error");

        EnvironmentFailure failure = assertThrows(EnvironmentFailure.class,
                () -> new TestEnvironment(docker, log).start(settings().withPlatform(ARM64), run));

        assertEquals("<container> 'api': its linux/arm64 image could not run on this Docker engine (linux/amd64), which does"
                + " not emulate linux/arm64 (exec format error): install qemu-user-static and register qemu-aarch64 with"
                + " binfmt_misc, as root on the Docker engine's machine: apt-get install qemu-user-static binfmt-support &&"
                + " update-binfmts --enable qemu-aarch64 (docs/platforms.md, Emulated testing), or leave linux/arm64 out of"
                + " <testedPlatforms> (turret.it.platforms).", failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
        assertEquals(Map.of(), docker.containers);
        assertEquals(Map.of(), docker.networks);
    }

    @Test
    void anotherFailureOfAnEmulatedServiceStaysWhatItWas() {
        theEmulatedContainerExitsWith("panic: no REDIS_MASTER");

        StartFailure failure = assertThrows(StartFailure.class,
                () -> new TestEnvironment(docker, log).start(settings().withPlatform(ARM64), run));

        assertTrue(failure.getMessage().startsWith("Test container 'api' exited with code 1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("panic: no REDIS_MASTER"), failure.getMessage());
    }

    @Test
    void anExecFormatErrorOfANativeContainerIsNotBlamedOnEmulation() {
        docker.onInspect = id -> new ContainerState(false, 1, Optional.empty(), Map.of(), Optional.empty());
        docker.onLogs = id -> List.of("exec /usr/bin/redis-server: exec format error");

        StartFailure failure = assertThrows(StartFailure.class,
                () -> new TestEnvironment(docker, log).start(settings().withPlatform(ARM64), run));

        assertTrue(failure.getMessage().startsWith("Test container 'redis' exited with code 1"), failure.getMessage());
    }
}
