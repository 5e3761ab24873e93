package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.secrets.SecretForms;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises of a release, each broken on purpose: gated (a failing build test or integration
 * test pushes nothing), all or nothing (a refused manifest moves no tag), tested is pushed (an
 * image that is not the tested one is refused), and no secret in any output (a wrong password).
 * Each test pushes to a namespace of its own in the shared stack.
 */
@ExtendWith(RegistryStackExtension.class)
class ReleasePromisesIT {
    private static final List<String> SERVICES = List.of("api", "worker", "frontend");

    @TempDir
    Path sample;

    @TempDir
    Path maven;

    @BeforeAll
    static void baseImages() {
        SampleBaseImages.onDefaultEngine().ensureAll();
    }

    private MavenRun.Result run(RegistryStack stack, MavenSettings settings, Map<String, String> environment, String namespace,
            String... goalsAndProperties) throws Exception {
        if (Files.notExists(sample.resolve("pom.xml"))) {
            SampleProject.copyTo(sample);
        }
        List<String> args = new ArrayList<>(settings == null ? List.of() : settings.arguments());
        args.addAll(List.of(goalsAndProperties));
        args.addAll(List.of("-Dturret.registry=" + stack.address(), "-Dturret.namespace=" + namespace));
        return MavenRun.run(sample, environment, args.toArray(String[]::new));
    }

    private MavenRun.Result release(RegistryStack stack, String namespace) throws Exception {
        MavenSettings settings = MavenSettings.plain(maven, stack.address(), stack.username(), stack.password(), null);
        return run(stack, settings, Map.of(), namespace, "turret:release", "-Dsuffix=integration");
    }

    private static Map<String, Optional<String>> tags(RegistryStack stack, String namespace) throws Exception {
        Map<String, Optional<String>> tags = new LinkedHashMap<>();
        for (String service : SERVICES) {
            tags.put(service, RegistryQueries.tagDigest(stack, namespace + "/" + service, "integration"));
        }
        return tags;
    }

    private void edit(String file, String from, String to) throws Exception {
        Path path = sample.resolve(file);
        String text = Files.readString(path);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(path, text.replace(from, to));
    }

    /** The forms of the password that Maven's output holds: none, or it leaked. */
    private static List<String> leaked(MavenRun.Result result, String username, String password) {
        return SecretForms.of(username, password).stream().filter(result.output()::contains).toList();
    }

    private static List<String> errorLines(MavenRun.Result result) {
        return result.output().lines().filter(line -> line.startsWith("[ERROR] Failed to execute goal")).toList();
    }

    @Test
    void aFailingBuildTestPushesNothingAndLeavesNoContainer(RegistryStack stack, DockerClient docker) throws Exception {
        SampleProject.copyTo(sample);
        edit("pom.xml", "<artifactId>turret-sample</artifactId>", "<artifactId>turret-gated-build</artifactId>");
        edit("go/internal/jobs/job_test.go", "func Test", "func TestMadeToFail(t *testing.T) { t.Fatal(\"made to fail\") }\n\nfunc Test");
        // the go builder is still running when the front end's image is ready to assemble
        edit("pom.xml", "go vet ./...", "sleep 10; go vet ./...");

        MavenRun.Result result = release(stack, "gated-build");

        assertEquals(1, result.exitCode());
        assertTrue(result.output().contains("builder 'go' failed"), result.output());
        int failed = result.output().indexOf("[go] FAILED");
        int assembled = result.output().indexOf("[frontend] assembled ");
        assertTrue(assembled >= 0 && assembled < failed, "the front end was assembled while the go builder still ran:\n"
                + result.output());
        assertEquals(Map.of("api", Optional.empty(), "worker", Optional.empty(), "frontend", Optional.empty()),
                tags(stack, "gated-build"));
        assertTrue(Files.notExists(sample.resolve("target/turret/release.json")));
        assertNothingLeft(docker, "turret-gated-build");
    }

    @Test
    void aBuilderFailingOnceTheEnvironmentIsUpPushesNothingAndLeavesNoContainer(RegistryStack stack, DockerClient docker)
            throws Exception {
        SampleProject.copyTo(sample);
        edit("pom.xml", "<artifactId>turret-sample</artifactId>", "<artifactId>turret-gated-late</artifactId>");
        // the front end's builder fails once this test tells it to: when the environment came up ahead of it
        edit("pom.xml", "python3 -m unittest discover -v -s tests -t .", "for i in $(seq 1500); do [ -e /tmp/fail-now ]"
                + " &amp;&amp; break; sleep 0.2; done; echo made to fail; exit 3");

        MavenSettings settings = MavenSettings.plain(maven, stack.address(), stack.username(), stack.password(), null);
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of("turret:release", "-Dsuffix=integration", "-Dturret.registry=" + stack.address(),
                "-Dturret.namespace=gated-late"));
        Process release = MavenRun.start(sample, args.toArray(String[]::new));
        Path log = sample.resolve("maven-output.log");
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (release.isAlive() && !Files.readString(log).contains("[redis] up") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(release.isAlive(), "the release runs when redis is up:\n" + Files.readString(log));
            String frontendBuilder = docker.listContainersCmd().withLabelFilter(Map.of("io.turret.project", "turret-gated-late",
                    "io.turret.role", "build")).exec().stream().filter(container -> container.getNames()[0].contains("frontend"))
                    .findFirst().orElseThrow().getId();
            docker.execStartCmd(docker.execCreateCmd(frontendBuilder).withCmd("touch", "/tmp/fail-now").exec().getId())
                    .start().awaitCompletion(30, TimeUnit.SECONDS);
            assertTrue(release.waitFor(5, TimeUnit.MINUTES), "the release ended");
        } finally {
            release.destroyForcibly();
        }

        String output = Files.readString(log);
        assertEquals(1, release.exitValue(), output);
        assertTrue(output.contains("builder 'frontend' failed"), output);
        assertTrue(output.indexOf("[redis] up") < output.indexOf("[frontend] FAILED"), output);
        assertEquals(Map.of("api", Optional.empty(), "worker", Optional.empty(), "frontend", Optional.empty()),
                tags(stack, "gated-late"));
        assertNothingLeft(docker, "turret-gated-late");
    }

    @Test
    void aRefusedPushAccessStopsTheBuildersItWasCheckedAlongside(RegistryStack stack, DockerClient docker) throws Exception {
        SampleProject.copyTo(sample);
        edit("pom.xml", "<artifactId>turret-sample</artifactId>", "<artifactId>turret-refused-push</artifactId>");
        int nginx = Integer.parseInt(stack.address().substring(stack.address().lastIndexOf(':') + 1));
        Path log = sample.resolve("maven-output.log");
        int exitCode;
        try (FaultProxy faults = FaultProxy.start(stack.certificateAuthority(), new InetSocketAddress("127.0.0.1", nginx),
                stack.sslContext())) {
            // the push-access check of the api's repository is refused once the builders run
            FaultProxy.Hold probe = faults.holdThenAnswer(403, "POST", "/v2/refused-push/api/blobs/uploads/");
            MavenSettings settings = MavenSettings.plain(maven, faults.address(), stack.username(), stack.password(), null);
            List<String> args = new ArrayList<>(settings.arguments());
            args.addAll(List.of("turret:release", "-Dsuffix=integration", "-Dturret.rerun=true",
                    "-Dturret.registry=" + faults.address(), "-Dturret.namespace=refused-push",
                    "-Dturret.registry.ca=" + stack.certificateAuthority().certificate()));
            Process release = MavenRun.start(sample, args.toArray(String[]::new));
            try {
                assertTrue(probe.awaitHeld(1, Duration.ofMinutes(2)), "the release checks push access");
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (release.isAlive() && !Files.readString(log).contains("[go] started in") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                probe.release();
                assertTrue(release.waitFor(2, TimeUnit.MINUTES), "the release ended");
                exitCode = release.exitValue();
            } finally {
                release.destroyForcibly();
            }
        }

        String output = Files.readString(log);
        assertEquals(1, exitCode, output);
        assertTrue(output.contains("[go] started in"), "the builders ran while push access was checked:\n" + output);
        List<String> errors = output.lines().filter(line -> line.startsWith("[ERROR] Failed to execute goal")).toList();
        assertEquals(1, errors.size(), output);
        assertTrue(errors.get(0).contains("forbids POST /v2/refused-push/api/blobs/uploads/"), output);
        assertFalse(output.contains(" passed in ") || output.contains("assembled "), "the refusal stopped the builders:\n"
                + output);
        assertNothingLeft(docker, "turret-refused-push");
    }

    private void assertNothingLeft(DockerClient docker, String project) {
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.turret.project", project))
                .exec().stream().map(container -> List.of(container.getNames())).toList(), "containers left");
        assertEquals(List.of(), docker.listNetworksCmd().withFilter("label", List.of("io.turret.project=" + project)).exec()
                .stream().map(Network::getName).toList(), "networks left");
        assertTrue(Files.notExists(sample.resolve("target/turret/environment.json")), "no environment recorded as up");
    }

    @Test
    void aFailingIntegrationTestPushesNothing(RegistryStack stack) throws Exception {
        SampleProject.copyTo(sample);
        edit("go/integration/system_test.go", "v[\"service\"] != \"api\"", "v[\"service\"] != \"billing\"");

        MavenRun.Result result = release(stack, "gated-it");

        assertEquals(1, result.exitCode());
        assertTrue(result.output().contains("runner 'go-integration' failed"), result.output());
        assertEquals(Map.of("api", Optional.empty(), "worker", Optional.empty(), "frontend", Optional.empty()),
                tags(stack, "gated-it"));
    }

    @Test
    void aRefusedManifestMovesNoTagAndAnUntestedImageIsRefused(RegistryStack stack) throws Exception {
        String namespace = "all-or-nothing";
        MavenRun.Result first = release(stack, namespace);
        assertEquals(0, first.exitCode(), first.output());
        Map<String, Optional<String>> before = tags(stack, namespace);
        assertTrue(before.values().stream().allMatch(Optional::isPresent), before.toString());

        // a new version: every image changes (its version label)
        edit("pom.xml", "<version>1.0.0-SNAPSHOT</version>", "<version>1.0.1-SNAPSHOT</version>");
        stack.proxy().refuseManifestsOf(namespace + "/worker");
        MavenRun.Result refused;
        try {
            refused = release(stack, namespace);
        } finally {
            stack.proxy().allowManifestsOf(namespace + "/worker");
        }

        assertEquals(1, refused.exitCode());
        assertEquals(1, errorLines(refused).size(), refused.output());
        assertTrue(errorLines(refused).get(0).contains("<service> 'worker'"), errorLines(refused).get(0));
        assertTrue(errorLines(refused).get(0).contains("No tag of this release was moved."), errorLines(refused).get(0));
        assertEquals(before, tags(stack, namespace), "every tag still points at the previous release");

        // the images of that release passed their tests; one that is not the tested one is refused
        Path tested = sample.resolve("target/turret/tested.json");
        String api = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tested.toFile()).path("services").path("api").asText();
        Files.writeString(tested, Files.readString(tested).replace(api, "sha256:" + "0".repeat(64)));
        MavenSettings settings = MavenSettings.plain(maven, stack.address(), stack.username(), stack.password(), null);
        MavenRun.Result untested = run(stack, settings, Map.of(), namespace, "turret:push", "-Dsuffix=integration");

        assertEquals(1, untested.exitCode());
        assertTrue(errorLines(untested).get(0).contains("<service> 'api': its assembled image " + api
                + " is not the one the integration tests ran"), untested.output());
        assertEquals(before, tags(stack, namespace));
    }

    @Test
    void aWrongPasswordFailsFastInOneLineNamingTheRegistryAndTheSourceAndIsPrintedNowhere(RegistryStack stack)
            throws Exception {
        String wrong = "wrong-" + System.nanoTime();
        MavenSettings settings = MavenSettings.plain(maven, stack.address(), stack.username(), wrong, null);

        MavenRun.Result result = run(stack, settings, Map.of(), "wrong-password", "turret:release", "-Dsuffix=integration", "-X");

        assertEquals(1, result.exitCode());
        assertEquals(1, errorLines(result).size(), result.output());
        assertTrue(errorLines(result).get(0).contains("The registry " + stack.address() + " refused the credential from"
                + " settings.xml <server> '" + stack.address() + "' (HTTP 401"), errorLines(result).get(0));
        assertFalse(result.output().contains("[go] started"), "it failed before any build work");
        assertEquals(List.of(), leaked(result, stack.username(), wrong), "the password is in Maven's debug output");
        assertTrue(Files.notExists(sample.resolve("target/turret/release.json")));

        MavenRun.Result fromJenkins = run(stack, null, Map.of("TURRET_REGISTRY_USERNAME", stack.username(),
                "TURRET_REGISTRY_PASSWORD", wrong), "wrong-password", "turret:release", "-Dsuffix=integration");

        assertEquals(1, fromJenkins.exitCode());
        assertTrue(errorLines(fromJenkins).get(0).contains("refused the credential from the environment variables"
                + " TURRET_REGISTRY_USERNAME/TURRET_REGISTRY_PASSWORD"), errorLines(fromJenkins).get(0));
        assertEquals(List.of(), leaked(fromJenkins, stack.username(), wrong));
    }
}
