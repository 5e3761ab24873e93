package io.turret.it.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.builder.BuildResult;
import io.turret.builder.BuildSettings;
import io.turret.docker.DockerJavaAccess;
import io.turret.docker.RunResources;
import io.turret.failure.UserFailure;
import io.turret.it.engine.Runs;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.IntegrationTests;
import io.turret.itest.RunnerSpec;
import io.turret.itest.StartFailure;
import io.turret.itest.TestContainerSpec;
import io.turret.itest.WaitStrategy;
import io.turret.report.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The test environment and its runners against the real engine, through Turret's core. */
@ExtendWith(RegistryStackExtension.class)
class TestEnvironmentIT {
    static final String REDIS = SampleBaseImages.REDIS.reference();
    static final List<String> REDIS_SERVER = List.of("/usr/bin/redis-server", "--protected-mode", "no", "--save", "",
            "--appendonly", "no");

    @TempDir
    Path project;

    private final String projectName = "turret-it-env-" + Long.toHexString(System.nanoTime());

    @BeforeAll
    static void baseImages() {
        SampleBaseImages.onDefaultEngine().ensureAll();
    }

    static TestContainerSpec redis(WaitStrategy wait, Duration timeout) {
        return new TestContainerSpec("redis", null, REDIS, REDIS_SERVER, Map.of(), null, List.of(6379), wait, timeout, List.of());
    }

    private RunnerSpec runner(String name, String script) throws Exception {
        Files.createDirectories(project.resolve("tests"));
        Files.writeString(project.resolve("tests/check.sh"), script);
        return new RunnerSpec(name, Optional.empty(), REDIS, List.of("tests"), null, "sh tests/check.sh", Map.of(), List.of(),
                null, null);
    }

    private List<BuildResult> run(List<TestContainerSpec> containers, List<RunnerSpec> runners) {
        BuildSettings build = new BuildSettings(projectName, project, project.resolve("target"), project.resolve("target/turret"),
                2, List.of());
        EnvironmentSettings settings = new EnvironmentSettings(build, containers, runners, Map.of(), false);
        DockerJavaAccess docker = DockerJavaAccess.connect();
        try (RunResources run = Runs.open(docker, "it-" + Long.toHexString(System.nanoTime()), projectName,
                build.turretDirectory(), Log.silent())) {
            return new IntegrationTests(docker, Log.silent(), Runs.liveness()).run(settings, run);
        }
    }

    private void assertNothingLeft(DockerClient docker) {
        Map<String, String> label = Map.of("io.turret.project", projectName);
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec(), "containers left");
        assertTrue(docker.listNetworksCmd().exec().stream()
                .noneMatch(network -> network.getLabels() != null && projectName.equals(network.getLabels().get("io.turret.project"))),
                "networks left");
    }

    @Test
    void runnersReachTheContainersByAliasAndTheirReportsAndLogsAreKept(DockerClient docker) throws Exception {
        RunnerSpec runner = runner("redis-check", """
                test "$(redis-cli -h "$TURRET_REDIS_HOST" -p "$TURRET_REDIS_PORT" ping)" = PONG
                mkdir -p /reports
                printf '<testsuite name="check" tests="1"><testcase classname="check" name="ping"/></testsuite>' > /reports/TEST-check.xml
                """);

        List<BuildResult> results = run(List.of(redis(WaitStrategy.forLogMessage(Pattern.compile("Ready to accept connections")),
                Duration.ofSeconds(30))), List.of(runner));

        assertTrue(results.get(0).passed(), results.get(0).log());
        Path turret = project.resolve("target/turret");
        assertTrue(Files.readString(turret.resolve("reports/it-redis-check/TEST-check.xml")).contains("name=\"ping\""));
        assertTrue(Files.readString(turret.resolve("reports/TEST-it-redis-check.xml")).contains("testcase"));
        assertTrue(Files.readString(turret.resolve("logs/redis.log")).contains("Ready to accept connections"));
        assertTrue(Files.isRegularFile(turret.resolve("logs/it-redis-check.log")));
        assertTrue(Files.notExists(turret.resolve("environment.json")));
        assertNothingLeft(docker);
    }

    @Test
    void aFailingRunnerFailsWithItsTailAndLeavesNothing(DockerClient docker) throws Exception {
        RunnerSpec runner = runner("broken", "echo checking the queue\nexit 3\n");

        UserFailure failure = assertThrows(UserFailure.class, () -> run(List.of(redis(WaitStrategy.forListeningPort(6379),
                Duration.ofSeconds(30))), List.of(runner)));

        assertTrue(failure.getMessage().startsWith("Integration tests failed:\n\nrunner 'broken' failed: its script exited with"
                + " code 3."), failure.getMessage());
        assertTrue(failure.getMessage().contains("checking the queue"), failure.getMessage());
        assertTrue(Files.readString(project.resolve("target/turret/reports/TEST-it-broken.xml")).contains("<failure"));
        assertTrue(Files.notExists(project.resolve("target/turret/tested.json")), "nothing counts as tested");
        assertNothingLeft(docker);
    }

    @Test
    void aWaitThatCannotBeMetFailsWithinItsTimeoutNamingIt(DockerClient docker) {
        Instant started = Instant.now();

        StartFailure failure = assertThrows(StartFailure.class, () -> run(List.of(redis(
                WaitStrategy.forLogMessage(Pattern.compile("this line never comes")), Duration.ofSeconds(3))), List.of()));

        Duration took = Duration.between(started, Instant.now());
        assertTrue(failure.getMessage().startsWith("Test container 'redis' was not up within 3 s: no a log line matching"
                + " 'this line never comes'. Its last "), failure.getMessage());
        assertTrue(failure.getMessage().contains("Ready to accept connections"), "the log tail: " + failure.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "gave up near its timeout, took " + took);
        assertNothingLeft(docker);
    }

    @Test
    void aContainerThatExitsWhileStartingIsNamedWithItsExitCode(DockerClient docker) {
        TestContainerSpec crashing = new TestContainerSpec("crash", null, REDIS, List.of("sh", "-c", "echo no config; exit 7"),
                Map.of(), null, List.of(), WaitStrategy.forListeningPort(6379), Duration.ofSeconds(30), List.of());

        StartFailure failure = assertThrows(StartFailure.class, () -> run(List.of(crashing), List.of()));

        assertTrue(failure.getMessage().startsWith("Test container 'crash' exited with code 7 while waiting for port 6379"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("no config"), failure.getMessage());
        assertNothingLeft(docker);
    }

    @Test
    void aContainerThatExitsBesideOneThatCameUpInTheSameWaveLeavesNothing(DockerClient docker) {
        TestContainerSpec crashing = new TestContainerSpec("crash", null, REDIS, List.of("sh", "-c", "sleep 1; exit 7"),
                Map.of(), null, List.of(), WaitStrategy.forListeningPort(6379), Duration.ofSeconds(30), List.of());

        // neither depends on the other: they start at once, and redis is up when crash exits
        StartFailure failure = assertThrows(StartFailure.class, () -> run(List.of(redis(
                WaitStrategy.forLogMessage(Pattern.compile("Ready to accept connections")), Duration.ofSeconds(30)), crashing),
                List.of()));

        assertTrue(failure.getMessage().startsWith("Test container 'crash' exited with code 7"), failure.getMessage());
        assertNothingLeft(docker);
    }
}
