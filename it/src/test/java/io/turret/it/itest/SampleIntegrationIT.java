package io.turret.it.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStackExtension;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sample's integration tests against its assembled images, as a user runs them through Maven. */
@ExtendWith(RegistryStackExtension.class)
class SampleIntegrationIT {
    private static final String[] IMAGES = {"-Dsuffix=sample-it", "-Dturret.registry=127.0.0.1:5000"};
    private static final Map<String, String> LABELS = Map.of("io.turret.project", "turret-sample");

    @TempDir
    static Path sample;

    static MavenRun.Result first;
    static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void buildAssembleAndTest() throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        SampleProject.copyTo(sample);
        // the engine keeps only its last events: they are taken as they happen
        DockerClient docker = RegistryStackExtension.engine().client();
        try (ResultCallback.Adapter<Event> listening = docker.eventsCmd().exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                EVENTS.add(event);
            }
        })) {
            listening.awaitStarted(30, TimeUnit.SECONDS);
            first = MavenRun.run(sample, "turret:build", "turret:assemble", "turret:integration-test", IMAGES[0], IMAGES[1]);
            Thread.sleep(1000);
        }
    }

    @Test
    void theRunnerMountsTheGoBuildersCacheVolume() throws Exception {
        assertEquals(0, first.exitCode(), first.output());
        List<Event> events = List.copyOf(EVENTS);
        // other runs of the sample may share the engine: this run's runner is named by its run id
        String runId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sample.resolve("target/turret/tested.json")
                .toFile()).path("runId").asText();
        String runner = events.stream().filter(event -> "create".equals(event.getAction()) && event.getActor() != null
                && ("turret-turret-sample-test-go-integration-" + runId).equals(event.getActor().getAttributes().get("name")))
                .map(event -> event.getActor().getId()).findFirst().orElseThrow(() -> new AssertionError("no runner was created"));
        List<String> mounted = events.stream().filter(event -> "mount".equals(event.getAction()) && event.getActor() != null
                && runner.equals(event.getActor().getAttributes().get("container")))
                .map(event -> event.getActor().getId()).distinct().toList();

        assertEquals(List.of("turret-turret-sample-go-cache_cache"), mounted, "the runner shares the go builder's cache");
    }

    private static void assertNothingLeft(DockerClient docker) {
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withLabelFilter(LABELS).exec(), "containers left");
        assertTrue(docker.listNetworksCmd().exec().stream().noneMatch(network -> network.getLabels() != null
                && "turret-sample".equals(network.getLabels().get("io.turret.project"))), "networks left");
    }

    @Test
    void theSamplesEnvironmentStartsAndItsRunnerPassesWithReportsAndLogs(DockerClient docker) throws Exception {
        assertEquals(0, first.exitCode(), first.output());
        Path turret = sample.resolve("target/turret");
        String goReport = Files.readString(turret.resolve("reports/it-go-integration/TEST-go-integration.xml"));
        assertTrue(goReport.contains("name=\"TestJobGoesThroughTheWorker\"") && goReport.contains("failures=\"0\""), goReport);
        assertTrue(Files.readString(turret.resolve("reports/TEST-it-go-integration.xml")).contains("testcase"));
        for (String container : List.of("redis", "api", "worker", "frontend")) {
            assertTrue(Files.size(turret.resolve("logs/" + container + ".log")) > 0, container + "'s log");
        }
        assertTrue(Files.readString(turret.resolve("logs/worker.log")).contains("taking jobs from redis:6379"));
        String tested = Files.readString(turret.resolve("tested.json"));
        String images = Files.readString(turret.resolve("images.json"));
        for (String service : List.of("api", "worker", "frontend")) {
            String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(images).path("services").path(service)
                    .path("imageId").asText();
            assertTrue(tested.contains("\"" + service + "\" : \"" + id + "\""), service + " was tested as assembled: " + tested);
        }
        assertNothingLeft(docker);
    }

    @Test
    void theSamePassesWiredByEtcdAlone(DockerClient docker, @TempDir Path etcd) throws Exception {
        assertEquals(0, first.exitCode(), first.output());
        SampleProject.copyTo(etcd);
        copyFolder(sample.resolve("target"), etcd.resolve("target"));

        MavenRun.Result result = MavenRun.run(etcd, "turret:integration-test", "-Petcd", IMAGES[0], IMAGES[1]);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("[etcd] up"), result.output());
        String goReport = Files.readString(etcd.resolve("target/turret/reports/it-go-integration/TEST-go-integration.xml"));
        assertTrue(goReport.contains("name=\"TestEveryServiceRegistered\"") && goReport.contains("failures=\"0\"")
                && !goReport.contains("<skipped"), goReport);
        assertTrue(Files.readString(etcd.resolve("target/turret/logs/api.log")).contains("from etcd"), "api found Redis in etcd");
        assertNothingLeft(docker);
    }

    @Test
    void aBrokenIntegrationTestFailsTheGoalNamingTheRunnerAndLeavesNothing(DockerClient docker, @TempDir Path broken)
            throws Exception {
        assertEquals(0, first.exitCode(), first.output());
        SampleProject.copyTo(broken);
        copyFolder(sample.resolve("target"), broken.resolve("target"));
        Path test = broken.resolve("go/integration/system_test.go");
        Files.writeString(test, Files.readString(test).replace("v[\"service\"] != \"api\"", "v[\"service\"] != \"billing\""));

        MavenRun.Result result = MavenRun.run(broken, "turret:integration-test", IMAGES[0], IMAGES[1]);

        assertEquals(1, result.exitCode());
        assertTrue(result.output().contains("Integration tests failed:"), result.output());
        assertTrue(result.output().contains("runner 'go-integration' failed: its script exited with code 1"), result.output());
        assertTrue(result.output().contains("TestVersion"), "the tail names the failing Go test: " + result.output());
        assertTrue(Files.readString(broken.resolve("target/turret/reports/it-go-integration/TEST-go-integration.xml"))
                .contains("<failure"), "the Go report is collected from a failed run too");
        assertTrue(Files.notExists(broken.resolve("target/turret/tested.json")), "nothing counts as tested");
        assertNothingLeft(docker);
    }

    @Test
    void mvnVerifyRunsTheFailsafeTestAgainstTheEnvironmentTurretStartBroughtUp(DockerClient docker, @TempDir Path project)
            throws Exception {
        SampleProject.copyTo(project);

        MavenRun.Result result = MavenRun.run(project, "verify", IMAGES[0], IMAGES[1]);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Running io.turret.sample.FrontendIT"), result.output());
        assertTrue(result.output().contains("Running the runners against the test environment turret:start started"));
        assertTrue(Files.isRegularFile(project.resolve("target/failsafe-reports/TEST-io.turret.sample.FrontendIT.xml")));
        assertNothingLeft(docker);
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
