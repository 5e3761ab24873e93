package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release killed with kill -9 between two tag updates: the registry serves a mixed release until
 * the next run, which finds the release's journal unfinished and rolls it forward. The tag PUT is
 * held by a fault proxy between Maven and the stack, so the kill lands exactly in that window.
 */
@ExtendWith(RegistryStackExtension.class)
class CrashConsistentReleaseIT {
    private static final String NAMESPACE = "crash";
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");

    @TempDir
    Path sample;

    @TempDir
    Path maven;

    @Test
    void aReleaseKilledBetweenTwoTagsIsRolledForwardByTheNextRun(RegistryStack stack) throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        SampleProject.copyTo(sample);
        int nginx = Integer.parseInt(stack.address().substring(stack.address().lastIndexOf(':') + 1));
        try (FaultProxy faults = FaultProxy.start(stack.certificateAuthority(), new InetSocketAddress("127.0.0.1", nginx),
                stack.sslContext())) {
            FaultProxy.Hold secondTag = faults.hold("PUT", "/v2/" + NAMESPACE + "/worker/manifests/integration");
            Process release = MavenRun.start(sample, mavenArguments(stack, faults.address(), "turret:release"));
            try {
                assertTrue(secondTag.awaitHeld(1, Duration.ofMinutes(8)), "the release reached its second tag");
                release.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                release.destroyForcibly();
                assertTrue(release.waitFor(60, TimeUnit.SECONDS));
            } finally {
                release.destroyForcibly();
            }

            Map<String, Optional<String>> cutShort = tags(stack);
            assertTrue(cutShort.get("api").isPresent(), "the first tag moved: " + cutShort);
            assertFalse(cutShort.get("worker").isPresent(), "the second was held when Maven died: " + cutShort);

            MavenRun.Result status = MavenRun.run(sample, mavenArguments(stack, stack.address(), "turret:status"));
            assertEquals(0, status.exitCode(), status.output());
            assertTrue(status.output().contains("of integration is UNFINISHED"), status.output());

            MavenRun.Result check = MavenRun.run(sample, mavenArguments(stack, stack.address(), "turret:check"));
            assertEquals(0, check.exitCode(), check.output());
            assertTrue(check.output().contains("was rolled forward"), check.output());
        }

        JsonNode images = new ObjectMapper().readTree(sample.resolve("target/turret/images.json").toFile()).path("services");
        Map<String, Optional<String>> repaired = tags(stack);
        for (String service : SERVICES) {
            assertEquals(Optional.of(images.path(service).path("digest").asText()), repaired.get(service),
                    service + ": every tag points at the release that was cut short");
        }
        MavenRun.Result status = MavenRun.run(sample, mavenArguments(stack, stack.address(), "turret:status"));
        assertTrue(status.output().contains("complete"), status.output());

        aRefusedTagPutsBackTheOthersAndNamesANewOneTheRegistryKeeps(stack);
    }

    /** A promotion to a new suffix whose second tag is refused: the first, new, tag goes, or is the one exception named. */
    private void aRefusedTagPutsBackTheOthersAndNamesANewOneTheRegistryKeeps(RegistryStack stack) throws Exception {
        int nginx = Integer.parseInt(stack.address().substring(stack.address().lastIndexOf(':') + 1));
        MavenRun.Result refused;
        try (FaultProxy faults = FaultProxy.start(stack.certificateAuthority(), new InetSocketAddress("127.0.0.1", nginx),
                stack.sslContext())) {
            faults.answer(403, "PUT", "/v2/" + NAMESPACE + "/worker/manifests/fresh", 1);
            refused = MavenRun.run(sample, mavenArguments(stack, faults.address(), "turret:promote", "-Dfrom=integration",
                    "-Dsuffix=fresh"));
        }

        assertEquals(1, refused.exitCode(), refused.output());
        List<String> errors = refused.output().lines().filter(line -> line.startsWith("[ERROR] Failed to execute goal")).toList();
        assertEquals(1, errors.size(), refused.output());
        assertTrue(errors.get(0).contains("Tagging " + NAMESPACE + "/worker:fresh failed, so every tag of this release was put"
                + " back"), errors.get(0));
        boolean apiKept = RegistryQueries.tagDigest(stack, NAMESPACE + "/api", "fresh").isPresent();
        assertEquals(apiKept, errors.get(0).contains("except " + NAMESPACE + "/api:fresh"), errors.get(0));
        for (String service : List.of("worker", "frontend", "redis")) {
            assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "fresh"), service);
        }
    }

    /** Maven's arguments for {@code goal} against {@code registry}: the stack itself, or the fault proxy in front of it. */
    private String[] mavenArguments(RegistryStack stack, String registry, String goal, String... more) throws Exception {
        Path folder = Files.createDirectories(maven.resolve(registry.replace(':', '_')));
        MavenSettings settings = MavenSettings.plain(folder, registry, stack.username(), stack.password(), null);
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of(goal, "-Dturret.registry=" + registry, "-Dturret.namespace=" + NAMESPACE,
                "-Dturret.registry.ca=" + stack.certificateAuthority().certificate()));
        args.addAll(more.length == 0 ? List.of("-Dsuffix=integration") : List.of(more));
        return args.toArray(String[]::new);
    }

    private static Map<String, Optional<String>> tags(RegistryStack stack) throws Exception {
        Map<String, Optional<String>> tags = new LinkedHashMap<>();
        for (String service : SERVICES) {
            tags.put(service, RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "integration"));
        }
        return tags;
    }
}
