package io.turret.it.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.builder.BuildResult;
import io.turret.builder.BuildSettings;
import io.turret.docker.DockerJavaAccess;
import io.turret.docker.RunResources;
import io.turret.it.engine.Runs;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.IntegrationTests;
import io.turret.itest.RunnerSpec;
import io.turret.itest.TestContainerSpec;
import io.turret.itest.WaitStrategy;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.platform.EmulationCheck;
import io.turret.platform.PlatformChoice;
import io.turret.platform.ReleasePlatforms;
import io.turret.report.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another platform's service tested here under emulation, through Turret's core: the arm64 Redis base as a
 * service of the environment, run as linux/arm64 on this amd64 engine, and reached by a native runner.
 */
@ExtendWith(RegistryStackExtension.class)
class EmulatedEnvironmentIT {
    private static final Platform ARM64 = Platform.of("linux", "arm64");
    private static final SampleBaseImages.Recipe REDIS_ARM64 = SampleBaseImages.REDIS.arm64();

    @TempDir
    Path project;

    private final String projectName = "turret-it-emulated-" + Long.toHexString(System.nanoTime());

    @BeforeAll
    static void arm64Bases() {
        SampleBaseImages images = SampleBaseImages.onDefaultEngine();
        images.ensure(SampleBaseImages.REDIS);
        images.ensureArm64();
    }

    private static DockerJavaAccess amd64Engine() {
        DockerJavaAccess docker = DockerJavaAccess.connect();
        assumeTrue(docker.platform().equals(Platform.of("linux", "amd64")), "an amd64 engine emulating arm64");
        return docker;
    }

    @Test
    void thisEngineCountsArm64AsTestableUnderEmulation() {
        DockerJavaAccess docker = amd64Engine();

        EmulationCheck check = docker.emulation().check(ARM64);
        ReleasePlatforms platforms = PlatformChoice.parse("linux/amd64,linux/arm64", null).resolve(docker.platform(),
                docker.emulation());

        assertEquals(EmulationCheck.Status.RUNS, check.status(), check.detail());
        platforms.requireTestable();
        assertEquals(List.of(ARM64), platforms.emulated());
    }

    @Test
    void anArm64ServiceRunsAsAarch64AndANativeRunnerReachesIt(DockerClient client) throws Exception {
        DockerJavaAccess docker = amd64Engine();
        Digest arm64Image = Digest.parse(client.inspectImageCmd(REDIS_ARM64.reference()).exec().getId());
        TestContainerSpec redis = new TestContainerSpec("redis", "redis", null, List.of("sh", "-c",
                "echo machine=$(uname -m); exec redis-server --protected-mode no --save '' --appendonly no"), Map.of(), null,
                List.of(), WaitStrategy.forLogMessage(Pattern.compile("Ready to accept connections")), Duration.ofSeconds(60),
                List.of());
        Files.createDirectories(project.resolve("tests"));
        Files.writeString(project.resolve("tests/check.sh"), """
                echo "runner machine=$(uname -m)"
                test "$(uname -m)" = x86_64
                test "$(redis-cli -h redis ping)" = PONG
                """);
        RunnerSpec runner = new RunnerSpec("native", Optional.empty(), SampleBaseImages.REDIS.reference(), List.of("tests"),
                null, "sh tests/check.sh", Map.of(), List.of(), null, null);
        BuildSettings build = new BuildSettings(projectName, project, project.resolve("target"), project.resolve("target/turret"),
                2, List.of());
        EnvironmentSettings settings = new EnvironmentSettings(build, List.of(redis), List.of(runner),
                Map.of("redis", arm64Image), false).withPlatform(ARM64);

        List<BuildResult> results;
        try (RunResources run = Runs.open(docker, "it-" + Long.toHexString(System.nanoTime()), projectName,
                build.turretDirectory(), Log.silent())) {
            results = new IntegrationTests(docker, Log.silent(), Runs.liveness()).run(settings, run);
        }

        String runnerLog = String.join("\n", results.get(0).logTail());
        assertTrue(results.get(0).passed(), runnerLog);
        assertTrue(runnerLog.contains("runner machine=x86_64"), runnerLog);
        String serviceLog = Files.readString(build.logs().resolve("redis.log"));
        assertTrue(serviceLog.contains("machine=aarch64"), serviceLog);
        assertEquals(List.of(), client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.turret.project", projectName)).exec(), "containers left");
    }
}
