package io.turret.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.turret.it.host.Commands;
import io.turret.it.host.DebianPackages;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.secrets.SecretForms;
import io.turret.it.stack.FaultProxy;
import io.turret.it.stack.ForwardProxy;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStackExtension;
import io.turret.it.stack.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * turret:release of sample-project through a real Maven into a registry with token authentication
 * (the distribution registry with {@code auth: token} and the test token server), whose tokens
 * live 10 s and are refused once they end, while the push takes longer than that (a layer and a
 * manifest each take about 15 s on a slow link), everything through a forward proxy.
 */
@ExtendWith({TokenRegistryStackExtension.class, RegistryStackExtension.class})
class TokenReleaseIT {
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");

    @TempDir
    static Path sample;

    @BeforeAll
    static void copySample() throws Exception {
        SampleBaseImages.onDefaultEngine().ensureAll();
        SampleProject.copyTo(sample);
    }

    private static List<String> release(MavenSettings settings, String registry, String suffix, String... more) {
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of("turret:release", "-Dsuffix=" + suffix, "-Dturret.registry=" + registry));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aUserWhoMayOnlyPullGetsOneMessageBeforeAnythingIsBuiltOrUploaded(TokenRegistryStack stack,
            DockerClient docker, @TempDir Path maven) throws Exception {
        MavenSettings settings = MavenSettings.plain(maven, stack.address(), stack.reader().name(), stack.reader().password(),
                null);
        long uploadsBefore = stack.registryRequests().stream().filter(r -> r.isCompletedUpload()).count();

        MavenRun.Result result = MavenRun.run(sample, release(settings, stack.address(), "reader")
                .toArray(String[]::new));

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("gave the token for settings.xml <server> '" + stack.address() + "' no right to"
                + " push to the repository turret-sample/api; ask the registry's administrator"), result.output());
        assertFalse(result.output().contains("at io.turret"), "no stack trace: " + result.output());
        // push access is checked while the builders run: the refusal stops them
        // push access is checked while the builders run (ReleasePromisesIT refuses it once they do): none gets far
        assertFalse(result.output().contains(" passed in ") || result.output().contains("assembled "),
                "the refusal stopped the builders: " + result.output());
        assertEquals(uploadsBefore, stack.registryRequests().stream().filter(r -> r.isCompletedUpload()).count());
        assertFalse(result.output().contains(stack.reader().password()));
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.turret.project",
                "turret-sample", "io.turret.role", "build")).exec().stream().map(container -> List.of(container.getNames()))
                .toList(), "builder containers left");
    }

    @Test
    void releasesWithTokensThatEndInTheMiddleOfAnUploadThroughAProxy(TokenRegistryStack stack, @TempDir Path maven)
            throws Exception {
        FaultProxy faults = stack.faults();
        ForwardProxy proxy = stack.forwardProxy();
        // a namespace of its own: no earlier test's push holds these blobs, so every layer is uploaded
        String namespace = "token-" + UUID.randomUUID().toString().substring(0, 8);
        MavenSettings settings = MavenSettings.encrypted(maven, faults.address(), stack.pusher().name(),
                stack.pusher().password());
        TokenServer tokens = stack.tokens();
        Duration lifetime = tokens.lifetime();
        tokens.lifetime(Duration.ofSeconds(10));
        tokens.expiresWhenSaid(true);
        int tunnelsBefore = proxy.connectTargets().size();
        try {
            // api's image is its 4.2 MB layer and its config: at 300 kB/s the layer takes 14 s, the token lives 10
            faults.slowBody("PUT", "/v2/" + namespace + "/api/blobs/uploads/.*", 300_000, 2);
            faults.slowBody("PUT", "/v2/.*/manifests/sha256:.*", 100, 1);
            Process mvn = MavenRun.start(sample, Map.of("HTTPS_PROXY", proxy.url()), release(settings, faults.address(),
                    "token", "-Dturret.namespace=" + namespace).toArray(String[]::new));
            assertTrue(mvn.waitFor(10, TimeUnit.MINUTES));
            String output = Files.readString(sample.resolve("maven-output.log"), StandardCharsets.UTF_8);

            assertEquals(0, mvn.exitValue(), output);
            assertTrue(SecretForms.foundIn(output, stack.pusher().name(), stack.pusher().password()).isEmpty());
            assertTrue(faults.exchanges().stream().anyMatch(e -> e.fault() == FaultProxy.Kind.SLOW && e.status() == 201
                    && e.target().startsWith("/v2/" + namespace + "/api/blobs/uploads/")), "the slow layer went through");
            assertTrue(faults.exchanges().stream().anyMatch(e -> e.fault() == FaultProxy.Kind.SLOW && e.status() == 201
                    && e.target().contains("/manifests/")), "the slow manifest went through");
            assertTrue(tokens.requestsBy(stack.pusher().name()).stream().filter(r -> r.scopes().contains(
                    "repository:" + namespace + "/api:pull,push")).count() > 1, "the push outlived its first token, which was renewed");
            List<String> tunnels = proxy.connectTargets();
            tunnels = tunnels.subList(tunnelsBefore, tunnels.size());
            assertTrue(tunnels.contains(faults.address()), "the registry through the proxy: " + tunnels);
            assertTrue(tunnels.contains(tokens.realm().getAuthority()), "the realm through the proxy: " + tunnels);
        } finally {
            faults.clearFaults();
            tokens.lifetime(lifetime);
            tokens.expiresWhenSaid(false);
        }
        DebianPackages.ensureCommands(List.of("skopeo"));
        JsonNode release = new ObjectMapper().readTree(sample.resolve("target/turret/release.json").toFile());
        for (String service : SERVICES) {
            String inspected = Commands.run("skopeo", "inspect", "--cert-dir", stack.certificateDirectory().toString(),
                    "--creds", stack.reader().name() + ":" + stack.reader().password(),
                    "docker://" + stack.address() + "/" + namespace + "/" + service + ":token");
            assertEquals(release.path("services").path(service).path("digest").asText(),
                    new ObjectMapper().readTree(inspected).path("Digest").asText(), service);
        }
    }
}
