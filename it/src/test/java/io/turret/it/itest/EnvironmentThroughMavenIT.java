package io.turret.it.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.TurretPom;
import io.turret.it.stack.RegistryStackExtension;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** turret:start, turret:stop and turret:integration-test as a user runs them, through a real Maven. */
@ExtendWith(RegistryStackExtension.class)
class EnvironmentThroughMavenIT {
    private static final String PROJECT = "environment-through-maven";
    private static final Map<String, String> LABELS = Map.of("io.turret.project", PROJECT);

    @TempDir
    Path project;

    @BeforeAll
    static void baseImages() {
        SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.REDIS);
    }

    private void writeProject(String runnerScript) throws Exception {
        Files.createDirectories(project.resolve("tests"));
        TurretPom.write(project, PROJECT, """
                <testContainers>
                  <container>
                    <name>redis</name>
                    <image>%s</image>
                    <command>
                      <arg>/usr/bin/redis-server</arg>
                      <arg>--protected-mode</arg>
                      <arg>no</arg>
                    </command>
                    <ports><port>6379</port></ports>
                    <waitFor><port>6379</port><timeout>30</timeout></waitFor>
                  </container>
                </testContainers>
                <runners>
                  <runner>
                    <name>slow</name>
                    <image>%s</image>
                    <sources><source>tests</source></sources>
                    <script>%s</script>
                  </runner>
                </runners>
                """.formatted(SampleBaseImages.REDIS.reference(), SampleBaseImages.REDIS.reference(), runnerScript));
    }

    private static List<Container> left(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(LABELS).exec();
    }

    private static boolean networkLeft(DockerClient docker) {
        return docker.listNetworksCmd().exec().stream()
                .anyMatch(network -> network.getLabels() != null && PROJECT.equals(network.getLabels().get("io.turret.project")));
    }

    @Test
    void aReleaseWithTheIntegrationTestsSkippedIsRefusedBeforeAnythingRuns(DockerClient docker) throws Exception {
        writeProject("true");

        MavenRun.Result release = MavenRun.run(project, "turret:release", "-Dsuffix=x", "-Dturret.it.skip=true");

        assertEquals(1, release.exitCode(), release.output());
        assertTrue(release.output().contains("turret:release always runs its integration tests, and -Dturret.it.skip=true"
                + " would skip them: drop -Dturret.it.skip"), release.output());
        assertFalse(release.output().contains("Skipping turret:release"), release.output());
        assertEquals(List.of(), left(docker));
    }

    @Test
    void startAndStopInSeparateMavenRunsAndOtherGoalsBetweenLeaveTheEnvironmentAlone(DockerClient docker) throws Exception {
        writeProject("true");

        MavenRun.Result start = MavenRun.run(project, "turret:start");
        assertEquals(0, start.exitCode(), start.output());
        Matcher port = Pattern.compile("turret\\.redis\\.port=(\\d+)").matcher(start.output());
        assertTrue(port.find(), start.output());
        assertTrue(start.output().contains("turret.redis.url=http://127.0.0.1:" + port.group(1)));
        assertTrue(start.output().contains("stop it with mvn turret:stop"), start.output());
        assertEquals(1, docker.listContainersCmd().withLabelFilter(LABELS).exec().size(), "redis is up after Maven ended");

        MavenRun.Result build = MavenRun.run(project, "turret:build");
        assertEquals(0, build.exitCode(), build.output());
        try (Socket redis = new Socket()) {
            redis.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))), 2000);
        }

        MavenRun.Result stop = MavenRun.run(project, "turret:stop");
        assertEquals(0, stop.exitCode(), stop.output());
        assertEquals(List.of(), left(docker));
        assertTrue(!networkLeft(docker), "network left");
        assertTrue(Files.readString(project.resolve("target/turret/logs/redis.log")).contains("Ready to accept connections"));
        assertTrue(Files.notExists(project.resolve("target/turret/environment.json")));
    }

    @Test
    void integrationTestBetweenStartAndStopRunsAgainstTheStartedEnvironment(DockerClient docker) throws Exception {
        writeProject("test \"$TURRET_REDIS_HOST\" = redis");

        MavenRun.Result result = MavenRun.run(project, "turret:start", "turret:integration-test", "turret:stop");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Running the runners against the test environment turret:start started"),
                result.output());
        assertEquals(1, Pattern.compile("\\[redis\\] up ").matcher(result.output()).results().count(), "started once");
        assertEquals(List.of(), left(docker));
        assertTrue(!networkLeft(docker), "network left");
    }

    @Test
    void keepLeavesTheEnvironmentUpAndSaysHowToRemoveIt(DockerClient docker) throws Exception {
        writeProject("true");

        MavenRun.Result kept = MavenRun.run(project, "turret:integration-test", "-Dturret.keep=true");
        assertEquals(0, kept.exitCode(), kept.output());
        assertTrue(kept.output().contains("Kept the test environment up (turret.keep=true)"), kept.output());
        assertTrue(kept.output().contains("Remove it with mvn turret:stop"), kept.output());
        assertEquals(1, docker.listContainersCmd().withLabelFilter(LABELS).exec().size());

        MavenRun.Result stop = MavenRun.run(project, "turret:stop");
        assertEquals(0, stop.exitCode(), stop.output());
        assertEquals(List.of(), left(docker));
        assertTrue(!networkLeft(docker), "network left");
    }

    @Test
    void anInterruptedIntegrationTestLeavesNothing(DockerClient docker) throws Exception {
        writeProject("echo started; sleep 600");

        MavenRun.interruptOnceLogged(MavenRun.start(project, "turret:integration-test"), project, "[slow] started");

        assertEquals(List.of(), left(docker));
        assertTrue(!networkLeft(docker), "network left");
        String output = Files.readString(project.resolve("maven-output.log"));
        assertTrue(output.contains("[slow] interrupted"), output);
        assertFalse(output.contains("exit code") || output.contains("runner 'slow' failed"), "told as a failure:\n" + output);
    }
}
