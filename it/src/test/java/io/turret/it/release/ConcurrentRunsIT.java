package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Jenkins jobs of one repository on one engine: two copies of the sample with the same
 * artifactId (two branches), run at the same time, and a run killed with kill -9. Ordered: the
 * later tests use the images the releases assembled.
 */
@ExtendWith(RegistryStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentRunsIT {
    /** Both copies' artifactId: the io.turret.project label, the same for both, and no other test's. */
    private static final String PROJECT = "turret-concurrent";
    private static final String NAMESPACE = "concurrent";
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");
    private static final Map<String, String> LABELS = Map.of("io.turret.project", PROJECT);

    @TempDir
    static Path branchA;

    @TempDir
    static Path branchB;

    @TempDir
    static Path maven;

    private static MavenSettings settings;

    private static Process start(RegistryStack stack, Path copy, String goal, String suffix, String... moreGoals)
            throws Exception {
        if (settings == null) {
            SampleBaseImages.onDefaultEngine().ensureAll();
            for (Path branch : List.of(branchA, branchB)) {
                SampleProject.copyTo(branch);
                Path pom = branch.resolve("pom.xml");
                Files.writeString(pom, Files.readString(pom).replace("<artifactId>turret-sample</artifactId>",
                        "<artifactId>" + PROJECT + "</artifactId>"));
            }
            settings = MavenSettings.plain(maven, stack.address(), stack.username(), stack.password(), null);
        }
        List<String> args = new ArrayList<>(settings.arguments());
        args.add(goal);
        args.addAll(List.of(moreGoals));
        args.addAll(List.of("-Dsuffix=" + suffix, "-Dturret.registry=" + stack.address(),
                "-Dturret.namespace=" + NAMESPACE));
        if (goal.equals("turret:integration-test")) {
            // these tests are about test environments running at once: the verdict the release left must not be reused
            args.add("-Dturret.rerun=true");
        }
        return MavenRun.start(copy, args.toArray(String[]::new));
    }

    /** Builds and assembles the copy's images, unless a release left them there. */
    private static void assembled(RegistryStack stack, Path copy, String suffix) throws Exception {
        if (Files.notExists(copy.resolve("target/turret/images.json"))) {
            MavenRun.Result result = finish(start(stack, copy, "turret:build", suffix, "turret:assemble"), copy);
            assertEquals(0, result.exitCode(), result.output());
        }
    }

    private static MavenRun.Result finish(Process maven, Path copy) throws Exception {
        assertTrue(maven.waitFor(15, TimeUnit.MINUTES), "Maven ended in " + copy);
        return new MavenRun.Result(maven.exitValue(), Files.readString(copy.resolve("maven-output.log"),
                StandardCharsets.UTF_8), copy.resolve("maven-output.log"));
    }

    private static void assertNothingLeft(DockerClient docker) {
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withLabelFilter(LABELS).exec().stream()
                .map(container -> List.of(container.getNames())).toList(), "containers left");
        assertEquals(List.of(), docker.listNetworksCmd().exec().stream()
                .filter(network -> network.getLabels() != null && PROJECT.equals(network.getLabels().get("io.turret.project")))
                .map(network -> network.getName()).toList(), "networks left");
    }

    @Test
    @Order(1)
    void twoReleasesOfOneProjectAtOnceBothPassAndPush(RegistryStack stack, DockerClient docker) throws Exception {
        Process first = start(stack, branchA, "turret:release", "feature-a");
        MavenRun.awaitLogged(first, branchA, "[go] started");
        Process second = start(stack, branchB, "turret:release", "feature-b");

        MavenRun.Result a = finish(first, branchA);
        MavenRun.Result b = finish(second, branchB);

        assertEquals(0, a.exitCode(), a.output());
        assertEquals(0, b.exitCode(), b.output());
        for (String service : SERVICES) {
            for (String suffix : List.of("feature-a", "feature-b")) {
                assertTrue(RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, suffix).isPresent(),
                        service + ":" + suffix + " is pushed");
            }
        }
        assertNothingLeft(docker);
    }

    @Test
    @Order(2)
    void twoIntegrationTestsOfOneProjectAtOnceBothPass(RegistryStack stack, DockerClient docker) throws Exception {
        assembled(stack, branchA, "feature-a");
        assembled(stack, branchB, "feature-b");
        Path pom = branchA.resolve("pom.xml");
        String original = Files.readString(pom);
        String run = "sh integration/run.sh /reports";
        assertTrue(original.contains(run));
        MavenRun.Result a;
        MavenRun.Result b;
        try {
            // A's tests are still running when B starts
            Files.writeString(pom, original.replace(run, "sleep 20; " + run));
            Process first = start(stack, branchA, "turret:integration-test", "feature-a");
            MavenRun.awaitLogged(first, branchA, "[go-integration] started");
            Process second = start(stack, branchB, "turret:integration-test", "feature-b");

            a = finish(first, branchA);
            b = finish(second, branchB);
        } finally {
            Files.writeString(pom, original);
        }

        assertEquals(0, a.exitCode(), a.output());
        assertEquals(0, b.exitCode(), b.output());
        assertNothingLeft(docker);
    }

    @Test
    @Order(3)
    void aRunKilledDuringTheIntegrationTestsLeavesNoTrapForTheNext(RegistryStack stack, DockerClient docker) throws Exception {
        assembled(stack, branchA, "feature-a");
        MavenRun.killOnceLogged(start(stack, branchA, "turret:integration-test", "feature-a"), branchA,
                "[go-integration] started");
        Path state = branchA.resolve("target/turret/environment.json");
        assertTrue(Files.isRegularFile(state), "the killed run left its environment's state");
        JsonNode killed = new ObjectMapper().readTree(state.toFile());
        Path scratch = branchA.resolve("target/turret/tmp");
        assertEquals(1, scratchFolders(scratch).size(), "the killed run left its scratch folder");

        MavenRun.Result next = finish(start(stack, branchA, "turret:integration-test", "feature-a"), branchA);

        assertEquals(0, next.exitCode(), next.output());
        assertFalse(next.output().contains("against the test environment turret:start started"), next.output());
        assertTrue(next.output().contains("[redis] up"), "a fresh environment started:\n" + next.output());
        for (JsonNode container : killed.path("containers")) {
            assertTrue(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(container.path("id").asText())).exec()
                    .isEmpty(), container.path("name").asText() + " of the killed run is gone");
        }
        assertNothingLeft(docker);
        assertEquals(List.of(), scratchFolders(scratch), "scratch folders left in " + scratch);
    }

    private static List<Path> scratchFolders(Path tmp) throws Exception {
        try (var entries = Files.list(tmp)) {
            return entries.toList();
        }
    }
}
