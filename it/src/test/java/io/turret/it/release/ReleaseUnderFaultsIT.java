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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One whole turret:release of the sample through a fault proxy that loses a blob's 201, resets a
 * connection in the middle of a layer, answers a manifest with 429 and a blob with 503: the release
 * passes, and every tag points at the manifest release.json names.
 */
@ExtendWith(RegistryStackExtension.class)
class ReleaseUnderFaultsIT {
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");

    @Test
    void aLostAnswerAResetA429AndA503EachEndInAPassingRelease(RegistryStack stack, @TempDir Path sample,
            @TempDir Path maven) throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        SampleProject.copyTo(sample);
        // a namespace of its own: no blob of it is in the registry yet, so every upload happens
        String namespace = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        int nginx = Integer.parseInt(stack.address().substring(stack.address().lastIndexOf(':') + 1));
        try (FaultProxy faults = FaultProxy.start(stack.certificateAuthority(), new InetSocketAddress("127.0.0.1", nginx),
                stack.sslContext())) {
            String blobs = "/v2/" + namespace + "/%s/blobs/uploads/.*";
            faults.loseResponse("PUT", blobs.formatted("api"), 1);
            // worker's layer is 4 MB: cut after 1 MB
            faults.resetDuringBody("PUT", blobs.formatted("worker"), 1_000_000, 1);
            faults.tooManyRequests("PUT", "/v2/" + namespace + "/frontend/manifests/.*", 1, 1);
            faults.answer(503, "PUT", blobs.formatted("redis"), 1);
            MavenSettings settings = MavenSettings.plain(maven, faults.address(), stack.username(), stack.password(), null);

            MavenRun.Result result = MavenRun.run(sample, settings.arguments().get(0), settings.arguments().get(1),
                    "turret:release", "-Dsuffix=faults", "-Dturret.registry=" + faults.address(),
                    "-Dturret.namespace=" + namespace, "-Dturret.registry.ca=" + stack.certificateAuthority().certificate());

            assertEquals(0, result.exitCode(), result.output());
            assertFalse(result.output().contains("\tat "), "no stack trace: " + result.output());
            List<FaultProxy.Exchange> exchanges = faults.exchanges();
            for (FaultProxy.Kind kind : List.of(FaultProxy.Kind.LOSE_RESPONSE, FaultProxy.Kind.RESET)) {
                assertTrue(exchanges.stream().anyMatch(exchange -> exchange.fault() == kind), kind + " happened: " + exchanges);
            }
            for (int status : List.of(429, 503)) {
                assertTrue(exchanges.stream().anyMatch(exchange -> exchange.fault() == FaultProxy.Kind.ANSWER
                        && exchange.status() == status), status + " answered: " + exchanges);
            }
        }
        JsonNode release = new ObjectMapper().readTree(sample.resolve("target/turret/release.json").toFile());
        for (String service : SERVICES) {
            assertEquals(Optional.of(release.path("services").path(service).path("digest").asText()),
                    RegistryQueries.tagDigest(stack, namespace + "/" + service, "faults"), service);
        }
    }
}
