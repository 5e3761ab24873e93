package io.turret.goal;

import static io.turret.files.JsonFiles.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.docker.ContainerSpec;
import io.turret.platform.PlatformChoice;
import io.turret.docker.EngineImage;
import io.turret.evidence.EvidenceSettings;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.image.AssembleSettings;
import io.turret.image.BaseImage;
import io.turret.image.ImageNaming;
import io.turret.image.LayerSpec;
import io.turret.image.Provenance;
import io.turret.image.PullPolicy;
import io.turret.image.ServiceSpec;
import io.turret.image.Suffix;
import io.turret.itest.EnvironmentSettings;
import io.turret.itest.RunnerSpec;
import io.turret.itest.TestContainerSpec;
import com.fasterxml.jackson.databind.JsonNode;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
import io.turret.push.ImageIndex;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.RecordingLog;
import io.turret.run.Liveness;
import io.turret.run.Owner;
import io.turret.run.ProcessTable;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * turret:release with no Docker engine and no registry: an engine and a registry in memory. The
 * stages run in order and hand each other what they made; a failure at any stage moves no tag and
 * leaves nothing running.
 */
class ReleasePipelineTest {
    private static final String BUILD = "go build -o /out/ ./...";
    private static final String TESTS = "go test -tags integration ./...";

    @TempDir
    Path project;

    private final InMemoryEngine engine = new InMemoryEngine();
    private final RecordingLog log = new RecordingLog();
    private InMemoryRegistry registry;
    private final List<String> services = new ArrayList<>(List.of("api"));
    private final List<TestContainerSpec> others = new ArrayList<>();
    private PlatformChoice platforms = PlatformChoice.DEFAULT;
    private EvidenceSettings evidence = EvidenceSettings.NONE;
    private BaseImage base = new BaseImage.Scratch();
    private PullPolicy pull = PullPolicy.NEVER;
    private Map<String, BaseImage> platformBases = Map.of();
    private List<String> goCaches = List.of();

    @BeforeEach
    void setUp() throws Exception {
        registry = new InMemoryRegistry();
        Files.createDirectories(project.resolve("go"));
        Files.writeString(project.resolve("go/main.go"), "package main\n");
        engine.images.put("go-builder:1", new EngineImage("sha256:" + "b".repeat(64), 1, List.of()));
        engine.scripts.put(BUILD, InMemoryEngine.Outcome.passing(Map.of("/out/api", "api binary", "/out/worker", "worker binary")));
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private ReleasePipeline pipeline() {
        BuilderSpec go = new BuilderSpec("go", "go-builder:1", List.of("go"), null, BUILD, Map.of(), List.of("/out"), goCaches,
                null, List.of());
        BuildSettings build = new BuildSettings("sample", project, project.resolve("target"), project.resolve("target/turret"), 2,
                List.of(go), platforms);
        List<ServiceSpec> specs = services.stream().map(name -> new ServiceSpec(name, base,
                List.of(new LayerSpec("go", name, "/" + name, null)), List.of("/" + name), List.of(), Map.of(), List.of(), null,
                null, Map.of(), platformBases)).toList();
        AssembleSettings images = new AssembleSettings(build, new ImageNaming(registry.host(), "sample", new Suffix("dev")),
                new Provenance("1.0", Optional.empty(), Optional.empty()), pull, project.resolve("cache"), specs);
        List<TestContainerSpec> containers = new ArrayList<>(others);
        services.forEach(name -> containers.add(new TestContainerSpec(name, name, null, List.of(), Map.of(), null, List.of(),
                null, null, List.of())));
        RunnerSpec system = new RunnerSpec("system", Optional.of(go), null, List.of(), null, TESTS, Map.of(), List.of(), null,
                null);
        EnvironmentSettings environment = new EnvironmentSettings(build, containers, List.of(system), Map.of(), false);
        Map<String, String> repositories = new LinkedHashMap<>();
        services.forEach(name -> repositories.put(name, "sample/" + name));
        return new ReleasePipeline(build, images, environment, repositories);
    }

    private void release() {
        run(pipeline());
    }

    private void run(Goal goal) {
        RunSettings settings = new RunSettings("sample", new Workspace(project, project.resolve("target")), 2, Duration.ofHours(6),
                new RunSettings.Reuse(project.resolve("reuse"), true, Duration.ofDays(30)), project.resolve("cache"),
                new RegistrySettings(registry.host(), null, List.of(), List.of(), Optional.empty(), true, 0), evidence);
        Liveness liveness = new Liveness(Owner.current(), ProcessTable.local(), Duration.ofHours(6), Clock.systemUTC());
        try (RunContext context = RunContext.of(settings, log, engine, host -> RegistryClient.open(host, true,
                RegistryTrust.plainHttp(), Optional.empty(), RetryPolicy.DEFAULT, log), liveness)) {
            goal.run(context);
        }
    }

    private String reference(String service) {
        return registry.host() + "/sample/" + service + ":dev";
    }

    private int event(String prefix) {
        List<String> events = List.copyOf(engine.events);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no event " + prefix + " in " + events);
    }

    private void assertNothingMovedAndNothingLeft() {
        for (String service : services) {
            assertEquals(Optional.empty(), registry.tagged("sample/" + service, "dev"), service + "'s tag moved");
        }
        assertEquals(List.of(), engine.leftovers());
        assertFalse(Files.exists(project.resolve("target/turret/release.json")));
    }

    @Test
    void buildsAssemblesTestsThenPushesAndTagsLast() throws Exception {
        release();

        assertTrue(event("start build turret-sample-build-go-") < event("load " + reference("api")));
        assertTrue(event("load " + reference("api")) < event("start test-api turret-sample-api-"));
        assertTrue(event("start test-api") < event("start test turret-sample-test-system-"));
        String pushed = registry.tagged("sample/api", "dev").orElseThrow();
        // the manifest by its digest, then the release's journal, then the suffix tag
        List<String> puts = List.copyOf(registry.events);
        assertTrue(puts.indexOf("manifest sample/api:" + pushed) < puts.indexOf("manifest sample/turret-releases:dev"), puts.toString());
        assertTrue(puts.indexOf("manifest sample/turret-releases:dev") < puts.indexOf("manifest sample/api:dev"), puts.toString());
        String record = Files.readString(project.resolve("target/turret/release.json"));
        assertTrue(record.contains(pushed), record);
        assertTrue(record.contains("\"verdict\" : \"passed\"") || record.contains("\"verdict\":\"passed\""), record);
        // the deployment files pin what the release tagged, without reading the tags back
        String compose = Files.readString(project.resolve("target/turret/deploy/dev/compose.yaml"));
        assertTrue(compose.contains(registry.host() + "/sample/api@" + pushed), compose);
        assertTrue(puts.lastIndexOf("read sample/api:dev") < puts.indexOf("manifest sample/api:dev"), puts.toString());
        assertEquals(List.of(), engine.leftovers());
    }

    @Test
    void theBuilderRunsForTheEnginesOwnPlatformWithBuildxsVariables() {
        release();

        Map<String, String> environment = engine.created.stream().filter(spec -> spec.name().contains("-build-go-")).findFirst()
                .orElseThrow().environment();
        assertEquals("linux/amd64", environment.get("TARGETPLATFORM"));
        assertEquals("amd64", environment.get("TARGETARCH"));
        assertEquals("linux", environment.get("TARGETOS"));
        assertEquals("", environment.get("TARGETVARIANT"));
    }

    @Test
    void everyPlatformsBuilderRunAndTheRunnerMountTheBuildersOneCache() {
        platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64");
        goCaches = List.of("/cache");

        release();

        List<ContainerSpec> scripts = engine.created.stream()
                .filter(spec -> spec.name().contains("-build-go.") || spec.name().contains("-test-system-")).toList();
        assertEquals(3, scripts.size(), scripts.toString()); // a build for each platform, the runner on the one tested
        scripts.forEach(spec -> assertEquals(Map.of("turret-sample-go-cache_cache", "/cache"), spec.volumes(), spec.name()));
    }

    @Test
    void aPlatformThatCannotBeTestedHereStopsTheReleaseInOneLineBeforeAnything() {
        platforms = PlatformChoice.parse("linux/amd64,linux/arm64", null);

        UserFailure failure = assertThrows(UserFailure.class, this::release);

        assertEquals("Cannot test linux/arm64 on this Docker engine (linux/amd64): release on an engine of that platform, or"
                + " release it untested by naming the platforms tested here, -Dturret.it.platforms=linux/amd64"
                + " (<testedPlatforms>).", failure.getMessage());
        assertEquals(List.of(), engine.events);
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void twoPlatformsPushEachManifestThenAnIndexOfBothInTheirOrderAndTagTheIndex() throws Exception {
        platforms = PlatformChoice.parse("linux/arm64,linux/amd64", "linux/amd64");

        release();

        String tagged = registry.tagged("sample/api", "dev").orElseThrow();
        JsonNode index = JSON.readTree(registry.manifest("sample/api", tagged).orElseThrow());
        assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
        assertEquals(2, index.path("manifests").size());
        List<String> architectures = new ArrayList<>();
        for (JsonNode child : index.path("manifests")) {
            architectures.add(child.path("platform").path("os").asText() + "/" + child.path("platform").path("architecture")
                    .asText());
            JsonNode manifest = JSON.readTree(registry.manifest("sample/api", child.path("digest").asText()).orElseThrow());
            JsonNode config = JSON.readTree(registry.blob(manifest.path("config").path("digest").asText()).orElseThrow());
            // each image's config names its own platform, not the engine's
            assertEquals(child.path("platform").path("architecture").asText(), config.path("architecture").asText());
        }
        assertEquals(List.of("linux/arm64", "linux/amd64"), architectures);
        List<String> puts = List.copyOf(registry.events);
        assertTrue(puts.indexOf("manifest sample/api:" + index.path("manifests").get(0).path("digest").asText())
                < puts.indexOf("manifest sample/api:" + tagged), puts.toString());
        assertTrue(puts.indexOf("manifest sample/api:" + tagged) < puts.indexOf("manifest sample/api:dev"), puts.toString());
        JsonNode record = JSON.readTree(project.resolve("target/turret/release.json").toFile()).path("services").path("api");
        assertEquals(tagged, record.path("digest").asText());
        assertFalse(record.path("platforms").path("linux/arm64").path("tested").asBoolean(true));
        assertTrue(record.path("platforms").path("linux/amd64").path("tested").asBoolean(false));
        assertEquals(index.path("manifests").get(1).path("digest").asText(),
                record.path("platforms").path("linux/amd64").path("digest").asText());
        assertEquals(1, log.warnings.stream().filter(line -> line.contains("UNTESTED")).count(), log.warnings.toString());
        assertTrue(Files.isRegularFile(project.resolve("target/turret/images/api.linux-arm64.tar")));
        assertEquals(List.of(), engine.leftovers());
    }

    @Test
    void theGoalsOneByOneTestEachTestedPlatformAndPushTheIndexWithTheOthersUntested() throws Exception {
        platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64");
        ReleasePipeline release = pipeline();

        run(new BuildGoal(release.build()));
        run(new AssembleGoal(release.images()));
        run(new IntegrationTestGoal(release.environment()));
        run(new PushGoal(release.images().naming(), release.repositories(), 2));

        String tagged = registry.tagged("sample/api", "dev").orElseThrow();
        assertEquals(2, JSON.readTree(registry.manifest("sample/api", tagged).orElseThrow()).path("manifests").size());
        JsonNode record = JSON.readTree(project.resolve("target/turret/release.json").toFile()).path("services").path("api");
        assertTrue(record.path("platforms").path("linux/amd64").path("tested").asBoolean(false), record.toString());
        assertFalse(record.path("platforms").path("linux/arm64").path("tested").asBoolean(true), record.toString());
    }

    @Test
    void aPromotionWithinTheRegistryMovesTheTagToTheIndexAndRecordsItsPlatforms() throws Exception {
        platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64");
        ReleasePipeline release = pipeline();
        run(release);
        String index = registry.tagged("sample/api", "dev").orElseThrow();

        run(new PromoteGoal(new ImageNaming(registry.host(), "sample", new Suffix("production")), release.repositories(), "dev",
                Optional.empty(), Optional.empty(), List.of()));

        assertEquals(Optional.of(index), registry.tagged("sample/api", "production"));
        JsonNode promoted = JSON.readTree(project.resolve("target/turret/promotion.json").toFile()).path("services").path("api");
        assertEquals(index, promoted.path("digest").asText());
        assertEquals(2, promoted.path("platforms").size(), promoted.toString());
    }

    @Test
    void aSecondReleaseOfTheSameTwoPlatformsFindsTheIndexInPlaceAndPushesNothing() {
        platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64");
        release();
        String tagged = registry.tagged("sample/api", "dev").orElseThrow();
        registry.events.clear();

        release();

        assertEquals(Optional.of(tagged), registry.tagged("sample/api", "dev"));
        assertTrue(registry.events.stream().noneMatch(event -> event.startsWith("manifest sample/api:")), registry.events.toString());
        assertTrue(log.infos.stream().anyMatch(line -> line.contains("already points at the index " + tagged)), log.infos.toString());
    }

    @Test
    void aBaseWhoseIndexLacksAPlatformStopsTheReleaseBeforeAnyBuildNamingBoth() throws Exception {
        platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64");
        pull = PullPolicy.IF_NOT_PRESENT;
        String image = registry.host() + "/bases/tiny:1";
        base = new BaseImage.Reference(ImageRef.parse(image));
        pushAmd64OnlyIndex("bases/tiny", "1");

        UserFailure failure = assertThrows(UserFailure.class, this::release);

        assertTrue(failure.getMessage().contains(image) && failure.getMessage().contains("linux/arm64"), failure.getMessage());
        assertTrue(engine.events.stream().noneMatch(event -> event.startsWith("start")), engine.events.toString());
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void aSingleImageBaseServesItsOwnPlatformOnlyAndAPlatformBaseOverridesTheBase() throws Exception {
        platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64");
        pull = PullPolicy.IF_NOT_PRESENT;
        String image = registry.host() + "/bases/tiny@" + pushAmd64OnlyIndex("bases/tiny", "1");
        platformBases = Map.of("linux-arm64", new BaseImage.Reference(ImageRef.parse(image)));

        UserFailure failure = assertThrows(UserFailure.class, this::release);

        assertTrue(failure.getMessage().contains("is a single image of linux/amd64, not of linux/arm64"), failure.getMessage());
        assertTrue(engine.events.stream().noneMatch(event -> event.startsWith("start")), engine.events.toString());
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void aLocalBaseOfAnotherPlatformIsRefusedRatherThanMadeIntoAnImageNamingTheWrongOne() throws Exception {
        platforms = PlatformChoice.parse("linux/amd64,linux/arm64", "linux/amd64");
        base = new BaseImage.Tarball(arm64Tarball(project.resolve("base-arm64.tar")));

        UserFailure failure = assertThrows(UserFailure.class, this::release);

        assertTrue(failure.getMessage().contains("is an image of linux/arm64, not of linux/amd64"), failure.getMessage());
        assertNothingMovedAndNothingLeft();
    }

    /** A docker-save tarball of an empty linux/arm64 image. */
    private static Path arm64Tarball(Path file) throws Exception {
        byte[] config = "{\"architecture\":\"arm64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String configFile = Digest.of(config).hex() + ".json";
        byte[] manifest = ("[{\"Config\":\"" + configFile + "\",\"RepoTags\":[],\"Layers\":[]}]")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(file))) {
            for (var entry : Map.of(configFile, config, "manifest.json", manifest).entrySet()) {
                var header = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(entry.getKey());
                header.setSize(entry.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void aPlatformBaseOfAPlatformNotReleasedIsNotUsed() {
        // a base the engine cannot give: used, it would fail the release
        platformBases = Map.of("linux-s390x", new BaseImage.Reference(ImageRef.parse(registry.host() + "/nowhere/base:1")));

        release();

        assertTrue(registry.tagged("sample/api", "dev").isPresent());
    }

    @Test
    void aPlatformBaseKeyThatNamesNoPlatformIsRefused() {
        platformBases = Map.of("arm64", new BaseImage.Scratch());

        UserFailure failure = assertThrows(UserFailure.class, this::release);

        assertTrue(failure.getMessage().contains("<platformBases><arm64> does not name a platform"), failure.getMessage());
        assertNothingMovedAndNothingLeft();
    }

    /** An index naming one image, of linux/amd64, with no layer; returns that image's manifest digest. */
    private Digest pushAmd64OnlyIndex(String repository, String tag) {
        RegistryClient client = RegistryClient.open(registry.host(), true, RegistryTrust.plainHttp(), Optional.empty(),
                RetryPolicy.DEFAULT, log);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Digest configDigest = Digest.of(config);
        client.uploadBlob(repository, configDigest, () -> java.net.http.HttpRequest.BodyPublishers.ofByteArray(config));
        Manifest manifest = new Manifest(("{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8), Manifest.OCI_MANIFEST);
        client.putManifest(repository, manifest.digest().toString(), manifest);
        Manifest index = ImageIndex.of(List.of(new ImageIndex.Child(Platform.of("linux", "amd64"), manifest.digest(),
                manifest.bytes().length, Manifest.OCI_MANIFEST)));
        client.putManifest(repository, tag, index);
        return manifest.digest();
    }

    @Test
    void aFailingBuilderStopsTheReleaseBeforeAnyImage() {
        engine.scripts.put(BUILD, new InMemoryEngine.Outcome(2, Map.of()));

        UserFailure failure = assertThrows(UserFailure.class, this::release);

        assertTrue(failure.getMessage().contains("go"), failure.getMessage());
        assertTrue(engine.events.stream().noneMatch(event -> event.startsWith("load ")), engine.events.toString());
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void aServiceThatCannotBeAssembledStopsTheReleaseBeforeTheTests() {
        engine.scripts.put(BUILD, InMemoryEngine.Outcome.passing(Map.of("/out/other", "not the api")));

        UserFailure failure = assertThrows(UserFailure.class, this::release);

        assertTrue(failure.getMessage().startsWith("<service> 'api'"), failure.getMessage());
        assertTrue(engine.events.stream().noneMatch(event -> event.contains("test-system")), engine.events.toString());
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void aTestContainerThatCannotStartStopsTheReleaseBeforeThePush() {
        // an image the engine lacks and cannot pull
        others.add(new TestContainerSpec("redis", null, "redis:7", List.of(), Map.of(), null, List.of(), null, null, List.of()));

        // an image no registry reachable from the engine has is the environment's to fix, not the pom's
        EnvironmentFailure failure = assertThrows(EnvironmentFailure.class, this::release);

        assertTrue(failure.getMessage().contains("redis:7"), failure.getMessage());
        assertTrue(engine.events.stream().noneMatch(event -> event.contains("test-system")), engine.events.toString());
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void aFailingRunnerStopsTheReleaseBeforeThePush() {
        engine.scripts.put(TESTS, new InMemoryEngine.Outcome(1, Map.of()));

        UserFailure failure = assertThrows(UserFailure.class, this::release);

        assertTrue(failure.getMessage().startsWith("Integration tests failed"), failure.getMessage());
        assertTrue(registry.events.isEmpty() || registry.events.stream().noneMatch(e -> e.startsWith("manifest sample/api")),
                registry.events.toString());
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void aRefusedPushAccessStopsTheReleaseBeforeThePush() {
        registry.refusingPushes.add("sample/api");

        assertThrows(UserFailure.class, this::release);

        assertTrue(registry.events.stream().noneMatch(e -> e.startsWith("manifest sample/api")), registry.events.toString());
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void oneRefusedManifestMovesNoServicesTag() {
        services.add("worker");
        registry.refusingManifests.add("sample/worker");

        RuntimeException failure = assertThrows(RuntimeException.class, this::release);

        assertTrue(failure instanceof UserFailure || failure instanceof EnvironmentFailure, failure.toString());
        assertTrue(failure.getMessage().contains("sample/worker"), failure.getMessage());
        assertNothingMovedAndNothingLeft();
    }

    @Test
    void anInterruptedReleaseMovesNoTagAndLeavesNothingRunning() throws Exception {
        engine.blocking = TESTS;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread releasing = new Thread(() -> {
            try {
                release();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "release");
        releasing.start();
        assertTrue(engine.blocked.await(60, TimeUnit.SECONDS), "the runner never ran: " + engine.events);

        releasing.interrupt();
        releasing.join(60_000);

        assertFalse(releasing.isAlive());
        assertInstanceOf(EnvironmentFailure.class, failure.get());
        assertNothingMovedAndNothingLeft();
    }

    private KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private Path pem(String name, String label, byte[] der) throws Exception {
        return Files.writeString(project.resolve(name), "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n");
    }

    private Map<String, String> repositories() {
        Map<String, String> repositories = new LinkedHashMap<>();
        services.forEach(name -> repositories.put(name, "sample/" + name));
        return repositories;
    }

    @Test
    void aSignedReleaseWritesEverySignatureBeforeTheJournalAndTheTagsAndVerifyChecksThem() throws Exception {
        services.add("worker");
        KeyPair pair = keyPair();
        Path key = pem("key.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());
        Path publicKey = pem("pub.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
        Path otherKey = pem("other.pem", "PUBLIC KEY", keyPair().getPublic().getEncoded());
        evidence = new EvidenceSettings(Optional.of(key), Optional.empty(), Optional.empty());

        release();

        List<String> puts = List.copyOf(registry.events);
        int journal = puts.indexOf("manifest sample/turret-releases:dev");
        for (String service : services) {
            String pushed = registry.tagged("sample/" + service, "dev").orElseThrow();
            String signature = "manifest sample/" + service + ":sha256-" + pushed.substring("sha256:".length()) + ".sig";
            assertTrue(puts.indexOf("manifest sample/" + service + ":" + pushed) < puts.indexOf(signature), puts.toString());
            assertTrue(puts.indexOf(signature) < journal, puts.toString());
        }
        assertTrue(journal < puts.indexOf("manifest sample/api:dev"), puts.toString());
        VerifyGoal verify = new VerifyGoal(new ImageNaming(registry.host(), "sample", new Suffix("dev")), repositories());
        evidence = new EvidenceSettings(Optional.empty(), Optional.empty(), Optional.of(publicKey));
        run(verify);
        evidence = new EvidenceSettings(Optional.empty(), Optional.empty(), Optional.of(otherKey));
        UserFailure failure = assertThrows(UserFailure.class, () -> run(verify));
        assertTrue(failure.getMessage().contains("[api] sample/api:dev -> its signature does not verify with " + otherKey),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("[worker] sample/worker:dev -> its signature does not verify"),
                failure.getMessage());
    }

    @Test
    void withAVerifyKeyPromoteRefusesAnUnsignedReleaseAndMovesNothing() throws Exception {
        release();
        evidence = new EvidenceSettings(Optional.empty(), Optional.empty(),
                Optional.of(pem("pub.pem", "PUBLIC KEY", keyPair().getPublic().getEncoded())));

        UserFailure failure = assertThrows(UserFailure.class, () -> run(new PromoteGoal(new ImageNaming(registry.host(), "sample",
                new Suffix("production")), repositories(), "dev", Optional.empty(), Optional.empty(), List.of())));

        assertTrue(failure.getMessage().startsWith("Refusing to promote dev to production"), failure.getMessage());
        assertTrue(failure.getMessage().contains("[api] sample/api:dev -> no signature"), failure.getMessage());
        assertEquals(Optional.empty(), registry.tagged("sample/api", "production"));
    }

    @Test
    void withAVerifyKeyPromoteMovesASignedRelease() throws Exception {
        KeyPair pair = keyPair();
        evidence = new EvidenceSettings(Optional.of(pem("key.pem", "PRIVATE KEY", pair.getPrivate().getEncoded())), Optional.empty(),
                Optional.empty());
        release();
        evidence = new EvidenceSettings(Optional.empty(), Optional.empty(),
                Optional.of(pem("pub.pem", "PUBLIC KEY", pair.getPublic().getEncoded())));

        run(new PromoteGoal(new ImageNaming(registry.host(), "sample", new Suffix("production")), repositories(), "dev",
                Optional.empty(), Optional.empty(), List.of()));

        assertEquals(registry.tagged("sample/api", "dev"), registry.tagged("sample/api", "production"));
        assertTrue(registry.tagged("sample/api", "production").isPresent());
    }

    @Test
    void aSuffixThatIsASignatureTagIsRefused() {
        UserFailure failure = assertThrows(UserFailure.class, () -> new Suffix("sha256-" + "a".repeat(64) + ".sig"));

        assertTrue(failure.getMessage().contains("tags starting with sha256- are cosign's"), failure.getMessage());
    }
}
