package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed release killed with kill -9 after its signatures and attestations, before its first tag
 * (the tag PUT held by a fault proxy): the evidence is in the registry, no tag moved; the next run
 * rolls the release forward, and the release is whole and verifies.
 */
@ExtendWith(RegistryStackExtension.class)
class SignedCrashIT {
    private static final String NAMESPACE = "signedcrash";
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");

    @TempDir
    Path sample;

    @TempDir
    Path maven;

    @TempDir
    Path keys;

    @Test
    void aSignedReleaseKilledBeforeItsFirstTagIsFinishedSignedByTheNextRun(RegistryStack stack) throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        SampleProject.copyTo(sample);
        EvidenceChecks.run(keys, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
        EvidenceChecks.run(keys, "openssl", "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
        int nginx = Integer.parseInt(stack.address().substring(stack.address().lastIndexOf(':') + 1));
        try (FaultProxy faults = FaultProxy.start(stack.certificateAuthority(), new InetSocketAddress("127.0.0.1", nginx),
                stack.sslContext())) {
            FaultProxy.Hold firstTag = faults.hold("PUT", "/v2/" + NAMESPACE + "/api/manifests/integration");
            Process release = MavenRun.start(sample, mavenArguments(stack, faults.address(), "turret:release"));
            try {
                assertTrue(firstTag.awaitHeld(1, Duration.ofMinutes(10)), "the release reached its first tag");
                release.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                release.destroyForcibly();
                assertTrue(release.waitFor(60, TimeUnit.SECONDS));
            } finally {
                release.destroyForcibly();
            }

            JsonNode images = new ObjectMapper().readTree(sample.resolve("target/turret/images.json").toFile()).path("services");
            for (String service : SERVICES) {
                String repository = NAMESPACE + "/" + service;
                assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, repository, "integration"), service + ": no tag moved");
                String hex = images.path(service).path("digest").asText().substring("sha256:".length());
                for (String suffix : List.of(".sig", ".att")) {
                    assertEquals(200, EvidenceChecks.get(stack, "/v2/" + repository + "/manifests/sha256-" + hex + suffix)
                            .statusCode(), service + suffix + " was written before any tag");
                }
            }

            MavenRun.Result check = MavenRun.run(sample, mavenArguments(stack, stack.address(), "turret:check"));
            assertEquals(0, check.exitCode(), check.output());
            assertTrue(check.output().contains("was rolled forward"), check.output());
            for (String service : SERVICES) {
                assertEquals(Optional.of(images.path(service).path("digest").asText()),
                        RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "integration"), service);
            }
            // the signatures name the registry the release pushed to: the proxy's address
            MavenRun.Result verify = MavenRun.run(sample, mavenArguments(stack, faults.address(), "turret:verify",
                    "-Dsuffix=integration", "-Dturret.verifyKey=" + keys.resolve("pub.pem")));
            assertEquals(0, verify.exitCode(), verify.output());
        }
    }

    private String[] mavenArguments(RegistryStack stack, String registry, String goal, String... more) throws Exception {
        Path folder = Files.createDirectories(maven.resolve(registry.replace(':', '_')));
        MavenSettings settings = MavenSettings.plain(folder, registry, stack.username(), stack.password(), null);
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of(goal, "-Dturret.registry=" + registry, "-Dturret.namespace=" + NAMESPACE,
                "-Dturret.registry.ca=" + stack.certificateAuthority().certificate(),
                "-Dturret.signingKey=" + keys.resolve("key.pem")));
        args.addAll(more.length == 0 ? List.of("-Dsuffix=integration") : List.of(more));
        return args.toArray(String[]::new);
    }
}
