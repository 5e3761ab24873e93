package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryAccessLog;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product, end to end: turret:release of sample-project through a real Maven, with the
 * registry's password encrypted in a settings.xml, into the real stack (nginx with TLS and basic
 * auth, the distribution registry, S3). Ordered: the later releases build on the first.
 */
@ExtendWith(RegistryStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleReleaseIT {
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path sample;

    @TempDir
    static Path maven;

    private static MavenSettings settings;

    private static MavenRun.Result release(RegistryStack stack, String suffix, String... more) throws Exception {
        if (settings == null) {
            SampleBaseImages.onDefaultEngine().ensureAll();
            SampleProject.copyTo(sample);
            settings = MavenSettings.encrypted(maven, stack.address(), stack.username(), stack.password());
            assertFalse(Files.readString(settings.file()).contains(stack.password()), "the password is encrypted");
        }
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of("turret:release", "-Dsuffix=" + suffix, "-Dturret.registry=" + stack.address()));
        args.addAll(List.of(more));
        return MavenRun.run(sample, args.toArray(String[]::new));
    }

    private static JsonNode releaseJson() throws Exception {
        return JSON.readTree(sample.resolve("target/turret/release.json").toFile());
    }

    @Test
    @Order(1)
    void releasesTheSampleIntoTheRegistryAsReleaseJsonSays(RegistryStack stack, DockerClient docker) throws Exception {
        MavenRun.Result result = release(stack, "integration", "-X");

        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains(stack.password()), "the password is in Maven's debug output");
        try (var files = Files.walk(sample.resolve("target/turret"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(json|xml|log)$")).toList()) {
                assertFalse(Files.readString(file).contains(stack.password()), "the password is in " + file);
            }
        }
        JsonNode release = releaseJson();
        assertFalse(release.toString().contains(stack.password()));
        assertEquals("integration", release.path("suffix").asText());
        assertEquals(stack.address(), release.path("registry").asText());
        assertTrue(result.output().contains("settings.xml <server> '" + stack.address() + "'"), "the credential's source");

        JsonNode catalog = JSON.readTree(RegistryQueries.get(stack, "/v2/_catalog").body()).path("repositories");
        for (String service : SERVICES) {
            JsonNode pushed = release.path("services").path(service);
            String repository = "turret-sample/" + service;
            assertEquals(stack.address() + "/" + repository + ":integration", pushed.path("reference").asText());
            assertTrue(catalog.toString().contains("\"" + repository + "\""), catalog.toString());
            assertTrue(RegistryQueries.get(stack, "/v2/" + repository + "/tags/list").body().contains("\"integration\""));
            HttpResponse<String> manifest = RegistryQueries.get(stack, "/v2/" + repository + "/manifests/integration");
            assertEquals(pushed.path("digest").asText(), manifest.headers().firstValue("Docker-Content-Digest").orElseThrow());
            JsonNode blobs = JSON.readTree(manifest.body());
            assertEquals(pushed.path("imageId").asText(), blobs.path("config").path("digest").asText());
            List<String> digests = new ArrayList<>(List.of(blobs.path("config").path("digest").asText()));
            blobs.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
            for (String digest : digests) {
                String hex = digest.substring("sha256:".length());
                String key = stack.storagePrefix() + "blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data";
                assertTrue(stack.s3().client().headObject(head -> head.bucket(stack.bucket()).key(key)).contentLength() > 0,
                        "blob " + digest + " is an S3 object");
            }

            docker.removeImageCmd(pushed.path("reference").asText()).withForce(true).exec();
            AuthConfig auth = new AuthConfig().withRegistryAddress(stack.address()).withUsername(stack.username())
                    .withPassword(stack.password());
            assertTrue(docker.pullImageCmd(pushed.path("reference").asText()).withAuthConfig(auth)
                    .exec(new PullImageResultCallback()).awaitCompletion(5, TimeUnit.MINUTES));
            assertEquals(pushed.path("imageId").asText(), docker.inspectImageCmd(pushed.path("reference").asText()).exec().getId(),
                    service + ": the pulled image is the released one");
        }
    }

    @Test
    @Order(2)
    void aSecondReleaseOfTheSameSourcesUploadsNoBlob(RegistryStack stack) throws Exception {
        JsonNode before = releaseJson();
        long uploadsBefore = RegistryQueries.blobUploads(stack);

        MavenRun.Result result = release(stack, "integration");

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(uploadsBefore, RegistryQueries.blobUploads(stack), "blob uploads through nginx");
        for (String service : SERVICES) {
            assertEquals(before.path("services").path(service).path("digest"), releaseJson().path("services").path(service)
                    .path("digest"), service + " is the same image");
        }
        String testedBy = before.path("integrationTests").path("testedBy").asText();
        assertFalse(before.path("integrationTests").path("reused").asBoolean(true), before.toString());
        assertFalse(testedBy.isEmpty(), before.toString());
        assertTrue(result.output().contains("[go] reused the outputs of run "), result.output());
        assertTrue(result.output().contains("[api] reused target/turret/images/api.tar"), result.output());
        assertTrue(result.output().contains("[go-integration] reused the verdict of run " + testedBy + ": passed"), result.output());
        assertFalse(result.output().contains("started in"), "no builder or runner container started:\n" + result.output());
        assertFalse(result.output().contains("[redis] up"), "no test environment started:\n" + result.output());
        assertEquals(testedBy, releaseJson().path("integrationTests").path("testedBy").asText());
        assertTrue(releaseJson().path("integrationTests").path("reused").asBoolean(), releaseJson().toString());
    }

    @Test
    @Order(7)
    void aRerunRunsEverythingAgain(RegistryStack stack) throws Exception {
        MavenRun.Result result = release(stack, "integration", "-Dturret.rerun=true");

        assertEquals(0, result.exitCode(), result.output());
        for (String started : List.of("[go] started in", "[frontend] started in", "[api] assembled ", "[redis] up",
                "[go-integration] started in")) {
            assertTrue(result.output().contains(started), started + ":\n" + result.output());
        }
        assertFalse(releaseJson().path("integrationTests").path("reused").asBoolean(true), releaseJson().toString());
    }

    @Test
    @Order(4)
    void theSampleWiredByEtcdReleasesToo(RegistryStack stack) throws Exception {
        MavenRun.Result result = release(stack, "etcd", "-Petcd");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("[etcd] up"), result.output());
        for (String service : SERVICES) {
            assertTrue(RegistryQueries.get(stack, "/v2/turret-sample/" + service + "/tags/list").body().contains("\"etcd\""));
        }
    }

    @Test
    @Order(3)
    void aProductionReleaseAfterwardsAddsTagsAndUploadsNoBlob(RegistryStack stack) throws Exception {
        JsonNode integration = releaseJson();
        long uploadsBefore = RegistryQueries.blobUploads(stack);

        MavenRun.Result result = release(stack, "production");

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(uploadsBefore, RegistryQueries.blobUploads(stack), "the suffix is only a tag: no blob is uploaded");
        for (String service : SERVICES) {
            String repository = "turret-sample/" + service;
            String tags = RegistryQueries.get(stack, "/v2/" + repository + "/tags/list").body();
            assertTrue(tags.contains("\"integration\"") && tags.contains("\"production\""), tags);
            String digest = integration.path("services").path(service).path("digest").asText();
            assertEquals(digest, RegistryQueries.get(stack, "/v2/" + repository + "/manifests/integration").headers()
                    .firstValue("Docker-Content-Digest").orElseThrow(), "the integration tag did not move");
            assertEquals(digest, releaseJson().path("services").path(service).path("digest").asText(),
                    service + ": production ships the very manifest integration tested");
        }
    }

    @Test
    @Order(5)
    void anotherAgentChecksAndPushesWithOnlyThePomAndTargetTurret(RegistryStack stack, @TempDir Path agent) throws Exception {
        Files.copy(sample.resolve("pom.xml"), agent.resolve("pom.xml"));
        try (var files = Files.walk(sample.resolve("target/turret"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = agent.resolve(sample.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        long uploadsBefore = RegistryQueries.blobUploads(stack);
        int requestsBefore = RegistryAccessLog.read(stack.proxy().accessLog()).size();

        MavenRun.Result push = MavenRun.run(agent, agentArguments(stack, "turret:push"));

        assertEquals(0, push.exitCode(), push.output());
        List<RegistryAccessLog.Request> requests = RegistryAccessLog.read(stack.proxy().accessLog());
        List<String> notAsking = requests.subList(requestsBefore, requests.size()).stream()
                .filter(request -> request.path().startsWith("/v2/turret-sample/") && !request.method().equals("HEAD")
                        && !request.path().startsWith("/v2/turret-sample/turret-releases/"))
                .map(request -> request.method() + " " + request.target()).toList();
        assertEquals(List.of(), notAsking, "pushing what the tags point at already only asks, with one HEAD a service");

        MavenRun.Result check = MavenRun.run(agent, agentArguments(stack, "turret:check"));

        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("accepts the credential and pushes to every service's repository"), check.output());
        assertEquals(uploadsBefore, RegistryQueries.blobUploads(stack), "the images were there already");
    }

    private static String[] agentArguments(RegistryStack stack, String goal) {
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of(goal, "-Dsuffix=etcd", "-Dturret.registry=" + stack.address()));
        return args.toArray(String[]::new);
    }

    @Test
    @Order(6)
    void aPromotionMovesTheTagsToTheTestedManifestsWithoutUploadingAndIsRefusedWhenTheyMoved(RegistryStack stack)
            throws Exception {
        JsonNode images = JSON.readTree(sample.resolve("target/turret/images.json").toFile()).path("services");
        long uploadsBefore = RegistryQueries.blobUploads(stack);

        MavenRun.Result promoted = MavenRun.run(sample, promoteArguments(stack, "etcd", "staging"));

        assertEquals(0, promoted.exitCode(), promoted.output());
        assertEquals(uploadsBefore, RegistryQueries.blobUploads(stack), "a promotion uploads nothing");
        JsonNode record = JSON.readTree(sample.resolve("target/turret/promotion.json").toFile()).path("services");
        for (String service : SERVICES) {
            String digest = images.path(service).path("digest").asText();
            assertEquals(Optional.of(digest), RegistryQueries.tagDigest(stack, "turret-sample/" + service, "staging"), service);
            assertEquals(images.path(service).path("imageId").asText(), record.path(service).path("imageId").asText(),
                    service + ": staging serves the image id the tests ran");
        }

        String api = RegistryQueries.get(stack, "/v2/turret-sample/api/manifests/etcd").body();
        String pushedInBetween = api.replaceFirst("\\{", "{\"annotations\":{\"pushed\":\"by hand\"},");
        assertEquals(201, RegistryQueries.putManifest(stack, "turret-sample/api", "etcd", pushedInBetween));
        try {
            MavenRun.Result refused = MavenRun.run(sample, promoteArguments(stack, "etcd", "staging-2"));

            assertEquals(1, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("Refusing to promote etcd to staging-2")
                    && refused.output().contains("api: turret-sample/api:etcd points at"), refused.output());
            for (String service : SERVICES) {
                assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, "turret-sample/" + service, "staging-2"), service);
            }
        } finally {
            RegistryQueries.putManifest(stack, "turret-sample/api", "etcd", api);
        }
    }

    private static String[] promoteArguments(RegistryStack stack, String from, String to) {
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of("turret:promote", "-Dfrom=" + from, "-Dsuffix=" + to, "-Dturret.registry=" + stack.address()));
        return args.toArray(String[]::new);
    }

    @Test
    @Order(8)
    void aPromotionToASecondRegistryCopiesTheTestedManifestsByteForByte(RegistryStack stack) throws Exception {
        JsonNode images = JSON.readTree(sample.resolve("target/turret/images.json").toFile()).path("services");
        try (RegistryStack second = RegistryStack.start()) {
            List<String> args = new ArrayList<>(settings.withServer(second.address(), second.username(), second.password())
                    .arguments());
            args.addAll(List.of("turret:promote", "-Dfrom=integration", "-Dsuffix=production", "-Dturret.registry=" + stack.address(),
                    "-Dturret.promote.registry=" + second.address()));

            MavenRun.Result promoted = MavenRun.run(sample, args.toArray(String[]::new));

            assertEquals(0, promoted.exitCode(), promoted.output());
            for (String service : SERVICES) {
                String repository = "turret-sample/" + service;
                String digest = images.path(service).path("digest").asText();
                HttpResponse<String> manifest = RegistryQueries.get(second, "/v2/" + repository + "/manifests/production");
                assertEquals(digest, manifest.headers().firstValue("Docker-Content-Digest").orElseThrow(), service);
                assertEquals(images.path(service).path("imageId").asText(),
                        JSON.readTree(manifest.body()).path("config").path("digest").asText(), service + ": the tested image");
            }
            assertTrue(RegistryQueries.blobUploads(second) > 0, "the blobs were copied into the second registry");
        }
    }

    @Test
    @Order(9)
    void bothPlatformsAreReleasedAsAnIndexAndEachIsTestedArm64UnderEmulation(RegistryStack stack, DockerClient docker,
            @TempDir Path scratch) throws Exception {
        // what the pom says (turret.platforms); the other tests release this machine's platform only
        MavenRun.Result result = release(stack, "two-platforms", "-Dturret.platforms=linux/amd64,linux/arm64");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("linux/arm64 under emulation"), result.output());
        assertTrue(result.output().contains("Integration tests on linux/arm64 (2 of 2)"), result.output());
        assertFalse(result.output().contains("untested"), result.output());
        JsonNode released = releaseJson().path("services");
        for (String service : SERVICES) {
            JsonNode platforms = released.path(service).path("platforms");
            assertEquals(List.of("linux/amd64", "linux/arm64"), names(platforms), service);
            platforms.forEach(platform -> assertTrue(platform.path("tested").asBoolean(), service + ": " + platform));
            // skopeo, not Turret, reads the tag as an index of exactly the two platforms, and the arm64 config
            String reference = "docker://" + stack.address() + "/turret-sample/" + service + ":two-platforms";
            JsonNode index = JSON.readTree(Skopeo.run(stack, scratch, "inspect", "--raw", reference));
            assertEquals(2, index.path("manifests").size(), service + ": " + index);
            JsonNode arm64 = JSON.readTree(Skopeo.run(stack, scratch, "inspect", "--override-arch", "arm64", "--config", reference));
            assertEquals("arm64", arm64.path("architecture").asText(), service + ": " + arm64);
        }
        // the arm64 api, pulled by the engine for that platform, answers under emulation
        String api = stack.address() + "/turret-sample/api:two-platforms";
        AuthConfig auth = new AuthConfig().withRegistryAddress(stack.address()).withUsername(stack.username())
                .withPassword(stack.password());
        assertTrue(docker.pullImageCmd(api).withPlatform("linux/arm64").withAuthConfig(auth).exec(new PullImageResultCallback())
                .awaitCompletion(5, TimeUnit.MINUTES));
        assertEquals(released.path("api").path("platforms").path("linux/arm64").path("imageId").asText(),
                docker.inspectImageCmd(api).exec().getId(), "the pulled arm64 image is the released one");
        assertEquals("arm64", docker.inspectImageCmd(api).exec().getArch());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
