package io.turret.it.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.builder.BuildFailure;
import io.turret.builder.BuildResult;
import io.turret.docker.Labels;
import io.turret.it.host.LoopbackPorts;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.run.Owner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sample's Go code built by Turret's build core in the real Go builder image. */
@ExtendWith(RegistryStackExtension.class)
class GoBuildIT {
    private static final String SCRIPT = "cd go\ngo vet ./...\ngo test ./...\ngo build -trimpath -o /out/ ./cmd/...\n";

    @TempDir
    Path project;
    private final String projectName = "it-go-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void baseImages() {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.GO_BUILDER);
    }

    @AfterEach
    void nothingOfTheRunIsLeft(DockerClient docker) {
        EngineBuilds.assertNothingLeftAndRemoveVolumes(docker, projectName);
    }

    @Test
    void compilesTheSampleAndTheApiBinaryAnswers() throws Exception {
        SampleProject.copyTo(project);

        List<BuildResult> results = new EngineBuilds().run(projectName, project, List.of(EngineBuilds.goBuilder(SCRIPT)));

        assertTrue(results.get(0).passed());
        Path api = project.resolve("target/turret/build/go/api");
        assertTrue(Files.isExecutable(api), "api is an executable file");
        assertTrue(Files.isExecutable(project.resolve("target/turret/build/go/worker")));
        String report = Files.readString(project.resolve("target/turret/reports/TEST-build-go.xml"));
        assertTrue(report.contains("failures=\"0\""), report);
        assertTrue(Files.readString(project.resolve("target/turret/logs/build-go.log")).contains("ok  \texample.com/turret-sample"));
        assertApiAnswers(api);
    }

    @Test
    void aFailingGoTestFailsTheBuildWithTheBuilderExitCodeAndLogTail() throws Exception {
        SampleProject.copyTo(project);
        Files.writeString(project.resolve("go/internal/jobs/broken_test.go"), """
                package jobs

                import "testing"

                func TestMadeToFail(t *testing.T) {
                	t.Fatal("this test was made to fail")
                }
                """);

        BuildFailure failure = assertThrows(BuildFailure.class,
                () -> new EngineBuilds().run(projectName, project, List.of(EngineBuilds.goBuilder(SCRIPT))));

        assertTrue(failure.getMessage().startsWith("builder 'go' failed: its script exited with code 1."), failure.getMessage());
        assertTrue(failure.getMessage().contains("this test was made to fail"), failure.getMessage());
        assertTrue(failure.getMessage().lines().count() <= 31, "the message holds the last 30 lines, not the whole log");
        String report = Files.readString(project.resolve("target/turret/reports/TEST-build-go.xml"));
        assertTrue(report.contains("failures=\"1\""), report);
        assertTrue(report.contains("TestMadeToFail"), report);
        assertFalse(Files.exists(project.resolve("target/turret/build/go/api")), "a failed build hands back no binary");
    }

    @Test
    void aSecondBuildReusesTheCacheVolume() throws Exception {
        SampleProject.copyTo(project);
        String testOnly = "cd go\ngo test ./internal/...\nmkdir -p /out\n";

        EngineBuilds first = new EngineBuilds();
        first.run(projectName, project, List.of(EngineBuilds.goBuilder(testOnly)));
        EngineBuilds second = new EngineBuilds();
        second.run(projectName, project, List.of(EngineBuilds.goBuilder(testOnly)));

        assertTrue(first.lines.stream().noneMatch(line -> line.contains("(cached)")), "a fresh volume has no cached tests");
        assertTrue(second.lines.stream().anyMatch(line -> line.startsWith("[go] ok") && line.endsWith("(cached)")),
                "the second run's go test results come from the cache volume: " + second.lines);
    }

    @Test
    void aNetworkThatDoesNotExistIsNamed() throws Exception {
        SampleProject.copyTo(project);
        var builder = new io.turret.builder.BuilderSpec("go", SampleBaseImages.GO_BUILDER.reference(), List.of("go"), null,
                "true", Map.of(), List.of(), List.of(), "no-such-network", List.of());

        var failure = assertThrows(io.turret.failure.UserFailure.class,
                () -> new EngineBuilds().run(projectName, project, List.of(builder)));

        assertTrue(failure.getMessage().contains("<network>no-such-network</network> does not exist"), failure.getMessage());
    }

    @Test
    void withoutANetworkTheScriptCannotReachAnything() throws Exception {
        SampleProject.copyTo(project);
        var builder = new io.turret.builder.BuilderSpec("go", SampleBaseImages.GO_BUILDER.reference(), List.of("go"), null,
                "echo \"interfaces: $(ls /sys/class/net | tr '\\n' ' ')\"", Map.of(), List.of(), List.of(), null, List.of());
        EngineBuilds build = new EngineBuilds();

        build.run(projectName, project, List.of(builder));

        assertTrue(build.lines.contains("[go] interfaces: lo "), "only the loopback interface: " + build.lines);
    }

    @Test
    void leftoversOfAKilledRunAreRemovedByTheNextAndThoseOfALiveRunAreNot(DockerClient docker) throws Exception {
        SampleProject.copyTo(project);
        Process killed = new ProcessBuilder("true").start();
        killed.waitFor();
        Process live = new ProcessBuilder("sleep", "120").start();
        try {
            String host = Owner.current().host();
            String leftover = labelledContainer(docker, Labels.ofRun("killed-run", projectName, "build",
                    new Owner(host, killed.pid(), killed.info().startInstant().map(Instant::toEpochMilli).orElse(1L))));
            String reusedPid = labelledContainer(docker, Labels.ofRun("reused-pid", projectName, "build",
                    new Owner(host, live.pid(), 1L)));
            String alive = labelledContainer(docker, Labels.ofRun("live-run", projectName, "build",
                    new Owner(host, live.pid(), live.info().startInstant().orElseThrow().toEpochMilli())));
            String otherHost = labelledContainer(docker, Labels.ofRun("other-host", projectName, "build",
                    new Owner(host + "-elsewhere", killed.pid(), 1L)));

            new EngineBuilds().run(projectName, project, List.of(EngineBuilds.goBuilder("mkdir -p /out")));

            assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(leftover, reusedPid)).exec(),
                    "a run whose process is gone, or whose pid is now another process's, is gone");
            assertEquals(2, docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(alive, otherHost)).exec().size(),
                    "a live run's container, and a young one of another host, stay");
            docker.removeContainerCmd(alive).withForce(true).exec();
            docker.removeContainerCmd(otherHost).withForce(true).exec();
        } finally {
            live.destroy();
        }
    }

    private static String labelledContainer(DockerClient docker, Map<String, String> labels) {
        return docker.createContainerCmd(SampleBaseImages.GO_BUILDER.reference()).withCmd("true").withLabels(labels).exec().getId();
    }

    private static void assertApiAnswers(Path api) throws Exception {
        int port = LoopbackPorts.free();
        ProcessBuilder builder = new ProcessBuilder(api.toString()).redirectErrorStream(true)
                .redirectOutput(api.resolveSibling("api-run.log").toFile());
        builder.environment().put("LISTEN_ADDR", "127.0.0.1:" + port);
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(10);
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode());
                    return;
                } catch (java.net.ConnectException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw notYet;
                    }
                    Thread.sleep(100);
                }
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}
