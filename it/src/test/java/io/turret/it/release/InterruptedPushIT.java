package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.FaultProxy;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release stopped (SIGTERM, as Ctrl-C and a Jenkins abort send) where its work overlaps leaves
 * no container or network, and moves no tag: while it pushes and the test environment goes down
 * (the push's first look at a blob is held by a fault proxy, so the stop lands in it), and while a
 * builder still runs and the test environment comes up ahead of its image.
 */
@ExtendWith(RegistryStackExtension.class)
class InterruptedPushIT {
    private static final String PROJECT = "turret-interrupted";
    private static final String NAMESPACE = "interrupted";

    @TempDir
    Path sample;

    @TempDir
    Path maven;

    @Test
    void aReleaseStoppedWhileItPushesLeavesNoContainerNorNetworkAndNoTag(RegistryStack stack, DockerClient docker)
            throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        SampleProject.copyTo(sample);
        Path pom = sample.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<artifactId>turret-sample</artifactId>",
                "<artifactId>" + PROJECT + "</artifactId>"));
        int nginx = Integer.parseInt(stack.address().substring(stack.address().lastIndexOf(':') + 1));
        try (FaultProxy faults = FaultProxy.start(stack.certificateAuthority(), new InetSocketAddress("127.0.0.1", nginx),
                stack.sslContext())) {
            FaultProxy.Hold firstBlob = faults.hold("HEAD", "/v2/" + NAMESPACE + "/[^/]+/blobs/sha256:[0-9a-f]+");
            Process release = MavenRun.start(sample, arguments(stack, faults.address()));
            try {
                assertTrue(firstBlob.awaitHeld(1, Duration.ofMinutes(8)), "the release reached its push");
                release.destroy();
                assertTrue(release.waitFor(60, TimeUnit.SECONDS), "Maven ended within 60 s of SIGTERM");
            } finally {
                release.destroyForcibly();
                faults.clearFaults();
            }
        }

        String log = Files.readString(sample.resolve("maven-output.log"));
        assertTrue(log.contains("[go-integration] passed"), "the stop came after the tests passed:\n" + log);
        assertNothingLeft(stack, docker, log);
    }

    @Test
    void aReleaseStoppedWhileItBuildsAndItsEnvironmentComesUpLeavesNoContainerNorNetwork(RegistryStack stack,
            DockerClient docker) throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        SampleProject.copyTo(sample);
        Path pom = sample.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<artifactId>turret-sample</artifactId>",
                "<artifactId>" + PROJECT + "</artifactId>").replace("python3 -m unittest", "sleep 120; python3 -m unittest"));
        Path log = sample.resolve("maven-output.log");
        Process release = MavenRun.start(sample, arguments(stack, stack.address()));
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!(Files.exists(log) && Files.readString(log).contains("[redis] up")) && release.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(release.isAlive(), "the release still runs once redis is up:\n" + Files.readString(log));
            release.destroy();
            assertTrue(release.waitFor(60, TimeUnit.SECONDS), "Maven ended within 60 s of SIGTERM");
        } finally {
            release.destroyForcibly();
        }

        String output = Files.readString(log);
        assertTrue(output.contains("[redis] up") && !output.contains("[frontend] passed"),
                "the stop came while the front end's builder ran, with the environment coming up:\n" + output);
        assertNothingLeft(stack, docker, output);
    }

    private static void assertNothingLeft(RegistryStack stack, DockerClient docker, String log) throws Exception {
        Map<String, String> ofProject = Map.of("io.turret.project", PROJECT);
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withLabelFilter(ofProject).exec().stream()
                .map(container -> List.of(container.getNames())).toList(), () -> "containers left:\n" + log);
        assertEquals(List.of(), docker.listNetworksCmd().exec().stream()
                .filter(network -> network.getLabels() != null && PROJECT.equals(network.getLabels().get("io.turret.project")))
                .map(network -> network.getName()).toList(), () -> "networks left:\n" + log);
        for (String service : List.of("api", "worker", "frontend", "redis")) {
            assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "integration"), service);
        }
    }

    private String[] arguments(RegistryStack stack, String registry) throws Exception {
        MavenSettings settings = MavenSettings.plain(maven, registry, stack.username(), stack.password(), null);
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of("turret:release", "-Dsuffix=integration", "-Dturret.registry=" + registry,
                "-Dturret.namespace=" + NAMESPACE, "-Dturret.registry.ca=" + stack.certificateAuthority().certificate()));
        return args.toArray(String[]::new);
    }
}
