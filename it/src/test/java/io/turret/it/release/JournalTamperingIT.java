package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release journal ({@code NAMESPACE/turret-releases:SUFFIX}) overwritten by hand through the
 * registry's API, as anyone who can push to that repository can: turret:check, status, push and
 * promote on the sample's pom must never tag outside the project's repositories, never write a
 * journal under another suffix, never move a tag from where the journal did not put it, never put a
 * journal's "digest" into a URL, and must name a release still in progress as such.
 */
@ExtendWith(RegistryStackExtension.class)
class JournalTamperingIT {
    private static final String NAMESPACE = "journal";
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    @TempDir
    Path sample;

    @TempDir
    Path secondSample;

    @TempDir
    Path maven;

    private RegistryStack stack;

    @BeforeEach
    void copyTheSample(RegistryStack stack) throws Exception {
        this.stack = stack;
        SampleProject.copyTo(sample);
        SampleProject.copyTo(secondSample);
    }

    @Test
    void aJournalMovingAnotherRepositoryIsRefusedByCheckPushAndPromoteAndNothingIsTagged() throws Exception {
        String evil = pushManifest("other/api", "evil");
        writeJournal("e-repo", journal("e-repo", "MOVING", Map.of("api", move("other/api", evil, null))));

        for (String[] goal : List.of(new String[] {"turret:check", "-Dsuffix=e-repo"},
                new String[] {"turret:push", "-Dsuffix=e-repo"},
                new String[] {"turret:promote", "-Dfrom=e-repo", "-Dsuffix=e-prod"})) {
            MavenRun.Result result = maven(sample, goal);

            assertEquals(1, result.exitCode(), result.output());
            assertOneErrorSaying(result, "The release journal " + stack.address() + "/" + NAMESPACE + "/turret-releases:e-repo"
                    + " is not one Turret wrote for this project: it moves the tag of service 'api' in repository other/api,"
                    + " but this project's repository for it is " + NAMESPACE + "/api. No tag was moved on its word.");
        }
        assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, "other/api", "e-repo"));
        assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, "other/api", "e-prod"));
        for (String service : SERVICES) {
            assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "e-prod"), service);
        }

        MavenRun.Result status = maven(sample, "turret:status", "-Dsuffix=e-repo");
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().contains("is not one Turret wrote for this project"), status.output());
    }

    @Test
    void aJournalStoredUnderAnotherSuffixIsRefusedAndNoJournalIsWrittenUnderTheSuffixItNames() throws Exception {
        Map<String, String> released = pushRelease("src");
        writeJournal("e-src", journal("e-other", "MOVING", moves(released, Map.of())));

        MavenRun.Result check = maven(sample, "turret:check", "-Dsuffix=e-src");

        assertEquals(1, check.exitCode(), check.output());
        assertOneErrorSaying(check, "it says it is the journal of suffix 'e-other', but it is tagged e-src");
        assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, NAMESPACE + "/turret-releases", "e-other"));
        for (String service : SERVICES) {
            assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "e-src"), service);
        }
    }

    /**
     * A service removed from the pom after the last release: the finished journal still names it, which stops neither
     * check nor promote (nothing acts on a finished journal's moves); an unfinished journal naming it is refused.
     */
    @Test
    void aFinishedJournalMayNameAServiceRemovedSinceButAnUnfinishedOneMayNot() throws Exception {
        Map<String, String> released = pushRelease("retired");
        String retired = pushManifest(NAMESPACE + "/retired", "retired");
        Map<String, ObjectNode> moves = moves(released, Map.of());
        moves.put("retired", move(NAMESPACE + "/retired", retired, null));
        SERVICES.forEach(service -> tag(service, "e-retired", released.get(service)));
        tag("retired", "e-retired", retired);
        writeJournal("e-retired", journal("e-retired", "COMPLETE", moves));

        MavenRun.Result check = maven(sample, "turret:check", "-Dsuffix=e-retired");
        MavenRun.Result promote = maven(sample, "turret:promote", "-Dfrom=e-retired", "-Dsuffix=e-retired-prod");

        assertEquals(0, check.exitCode(), check.output());
        assertEquals(0, promote.exitCode(), promote.output());
        for (String service : SERVICES) {
            assertEquals(Optional.of(released.get(service)), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service,
                    "e-retired-prod"), service);
        }
        assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, NAMESPACE + "/retired", "e-retired-prod"),
                "the removed service is not the project's to promote");

        writeJournal("e-retired", journal("e-retired", "MOVING", moves));
        MavenRun.Result unfinished = maven(sample, "turret:check", "-Dsuffix=e-retired");

        assertEquals(1, unfinished.exitCode(), unfinished.output());
        assertOneErrorSaying(unfinished, "it names a service 'retired' that is not one of this project's services");
    }

    @Test
    void aPathAsDigestNeverReachesAUrl() throws Exception {
        Map<String, String> released = pushRelease("path");
        Map<String, ObjectNode> moves = moves(released, Map.of());
        moves.get("api").put("digest", "../../../" + NAMESPACE + "/api/manifests/integration");
        writeJournal("e-path", journal("e-path", "MOVING", moves));
        int before = Files.readAllLines(stack.proxy().accessLog()).size();

        MavenRun.Result check = maven(sample, "turret:check", "-Dsuffix=e-path");

        assertEquals(1, check.exitCode(), check.output());
        assertOneErrorSaying(check, "service 'api': '../../../" + NAMESPACE + "/api/manifests/integration' is not a digest");
        List<String> requests = Files.readAllLines(stack.proxy().accessLog());
        assertEquals(List.of(), requests.subList(before, requests.size()).stream()
                .filter(line -> line.contains("..") || line.toLowerCase().contains("%2e")).toList());
    }

    @Test
    void aRollBackMovesNoTagThatPointsNeitherAtTheReleaseNorBeforeIt() throws Exception {
        Map<String, String> older = pushRelease("older");
        Map<String, String> newer = pushRelease("newer");
        Map<String, ObjectNode> moves = new LinkedHashMap<>();
        for (String service : SERVICES) {
            tag(service, "e-back", newer.get(service));
            moves.put(service, move(NAMESPACE + "/" + service, digestOf(("missing-" + service).getBytes(StandardCharsets.UTF_8)),
                    older.get(service)));
        }
        writeJournal("e-back", journal("e-back", "MOVING", moves));

        MavenRun.Result check = maven(sample, "turret:check", "-Dsuffix=e-back");

        assertEquals(0, check.exitCode(), check.output());
        for (String service : SERVICES) {
            assertEquals(Optional.of(newer.get(service)), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "e-back"),
                    service + ": a tag someone else moved is left alone\n" + check.output());
        }
        assertTrue(check.output().contains("so it was rolled back: no tag moved; left alone: " + NAMESPACE + "/api:e-back (it"
                + " points at " + newer.get("api")), check.output());
        assertFalse(check.output().contains("still points at this release"), check.output());
    }

    @Test
    void aReleaseWhoseRunIsAliveIsNamedInProgressAndNeitherRepairedNorPromoted() throws Exception {
        Map<String, String> older = pushRelease("live-old");
        Map<String, String> released = pushRelease("live-new");
        SERVICES.forEach(service -> tag(service, "e-live", older.get(service)));
        ProcessHandle self = ProcessHandle.current();
        ObjectNode journal = journal("e-live", "MOVING", moves(released, older));
        ownedBy(journal, self.pid(), self.info().startInstant().orElseThrow().toEpochMilli());
        writeJournal("e-live", journal);

        MavenRun.Result check = maven(sample, "turret:check", "-Dsuffix=e-live");
        MavenRun.Result status = maven(sample, "turret:status", "-Dsuffix=e-live");
        MavenRun.Result promote = maven(sample, "turret:promote", "-Dfrom=e-live", "-Dsuffix=e-live-prod");

        String running = "is in progress (process " + self.pid() + " on " + hostName() + ", since ";
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("A release of e-live (" + journal.path("release").asText() + ") " + running),
                check.output());
        assertTrue(status.output().contains("of e-live is IN PROGRESS (process " + self.pid()), status.output());
        assertEquals(1, promote.exitCode(), promote.output());
        assertOneErrorSaying(promote, running);
        for (String service : SERVICES) {
            assertEquals(Optional.of(older.get(service)), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "e-live"),
                    service);
            assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "e-live-prod"), service);
        }
    }

    @Test
    void twoRepairsAtOnceDoNotFight() throws Exception {
        Map<String, String> older = pushRelease("twice-old");
        Map<String, String> released = pushRelease("twice-new");
        SERVICES.forEach(service -> tag(service, "e-twice", older.get(service)));
        tag("api", "e-twice", released.get("api"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(30, TimeUnit.SECONDS);
        ObjectNode journal = journal("e-twice", "MOVING", moves(released, older));
        // a process of this host that is gone (its start time unknown now: a reused pid would not match it either)
        ownedBy(journal, ended.pid(), 1);
        writeJournal("e-twice", journal);

        Process first = MavenRun.start(sample, arguments("turret:check", "-Dsuffix=e-twice"));
        Process second = MavenRun.start(secondSample, arguments("turret:check", "-Dsuffix=e-twice"));
        assertTrue(first.waitFor(5, TimeUnit.MINUTES) && second.waitFor(5, TimeUnit.MINUTES));
        String outputs = Files.readString(sample.resolve("maven-output.log")) + Files.readString(
                secondSample.resolve("maven-output.log"));

        assertEquals(0, first.exitValue(), outputs);
        assertEquals(0, second.exitValue(), outputs);
        assertFalse(outputs.contains("left alone"), outputs);
        for (String service : SERVICES) {
            assertEquals(Optional.of(released.get(service)), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service,
                    "e-twice"), service);
        }
        MavenRun.Result status = maven(sample, "turret:status", "-Dsuffix=e-twice");
        assertTrue(status.output().contains("The last release of e-twice is " + journal.path("release").asText()
                + ": complete."), status.output());
    }

    private static void assertOneErrorSaying(MavenRun.Result result, String words) {
        List<String> errors = result.output().lines().filter(line -> line.startsWith("[ERROR] Failed to execute goal")).toList();
        assertEquals(1, errors.size(), result.output());
        assertTrue(errors.get(0).contains(words), errors.get(0));
    }

    private MavenRun.Result maven(Path project, String... goalAndProperties) throws Exception {
        return MavenRun.run(project, arguments(goalAndProperties));
    }

    private String[] arguments(String... goalAndProperties) throws Exception {
        MavenSettings settings = MavenSettings.plain(Files.createDirectories(maven.resolve("settings")), stack.address(),
                stack.username(), stack.password(), null);
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of(goalAndProperties));
        args.addAll(List.of("-Dturret.registry=" + stack.address(), "-Dturret.namespace=" + NAMESPACE,
                "-Dturret.registry.ca=" + stack.certificateAuthority().certificate()));
        return args.toArray(String[]::new);
    }

    /** One small manifest per service, told apart by {@code label}: service → its digest. */
    private Map<String, String> pushRelease(String label) throws Exception {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String service : SERVICES) {
            digests.put(service, pushManifest(NAMESPACE + "/" + service, label));
        }
        return digests;
    }

    /** Each service's move to {@code digests}, from {@code previous} (none when absent). */
    private Map<String, ObjectNode> moves(Map<String, String> digests, Map<String, String> previous) {
        Map<String, ObjectNode> moves = new LinkedHashMap<>();
        digests.forEach((service, digest) -> moves.put(service, move(NAMESPACE + "/" + service, digest, previous.get(service))));
        return moves;
    }

    private static ObjectNode move(String repository, String digest, String previous) {
        ObjectNode move = JSON.createObjectNode();
        move.put("repository", repository);
        move.put("digest", digest);
        move.put("previous", previous);
        return move;
    }

    private static ObjectNode journal(String suffix, String state, Map<String, ObjectNode> moves) {
        ObjectNode journal = JSON.createObjectNode();
        journal.put("release", "20261207-120000-" + String.format("%04x", Math.abs(suffix.hashCode()) % 0x10000));
        journal.put("suffix", suffix);
        journal.put("state", state);
        ArrayNode list = journal.putArray("moves");
        moves.forEach((service, move) -> list.addObject().put("service", service).setAll(move));
        return journal;
    }

    private static void ownedBy(ObjectNode journal, long pid, long started) throws Exception {
        ObjectNode owner = journal.putObject("owner");
        owner.put("host", hostName());
        owner.put("pid", pid);
        owner.put("started", started);
        journal.put("since", Instant.now().toString());
    }

    private static String hostName() throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    }

    /** Writes {@code journal} as Turret stores it: the annotation of an OCI manifest tagged with the suffix. */
    private void writeJournal(String tag, ObjectNode journal) throws Exception {
        String repository = NAMESPACE + "/turret-releases";
        ObjectNode manifest = manifest(repository, OCI_MANIFEST, "application/vnd.oci.image.config.v1+json", EMPTY_CONFIG);
        manifest.putObject("annotations").put("io.turret.journal", JSON.writeValueAsString(journal));
        put(repository, tag, OCI_MANIFEST, JSON.writeValueAsBytes(manifest));
    }

    /** Pushes an image manifest with no layer, told apart by its config; returns its digest. */
    private String pushManifest(String repository, String label) throws Exception {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"test\":\"" + label
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = JSON.writeValueAsBytes(manifest(repository, DOCKER_MANIFEST, "application/vnd.docker.container.image.v1+json",
                config));
        String digest = digestOf(bytes);
        put(repository, digest, DOCKER_MANIFEST, bytes);
        return digest;
    }

    private void tag(String service, String tag, String digest) {
        try {
            HttpResponse<byte[]> manifest = send(HttpRequest.newBuilder(uri(NAMESPACE + "/" + service + "/manifests/" + digest))
                    .header("Accept", DOCKER_MANIFEST).GET());
            assertEquals(200, manifest.statusCode(), new String(manifest.body(), StandardCharsets.UTF_8));
            put(NAMESPACE + "/" + service, tag, DOCKER_MANIFEST, manifest.body());
            assertEquals(Optional.of(digest), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, tag));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A manifest with no layer over {@code config}, which is uploaded first. */
    private ObjectNode manifest(String repository, String mediaType, String configType, byte[] config) throws Exception {
        String configDigest = digestOf(config);
        HttpResponse<byte[]> upload = send(HttpRequest.newBuilder(uri(repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, upload.statusCode());
        String location = upload.headers().firstValue("Location").orElseThrow();
        URI target = stack.url().resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + configDigest);
        assertEquals(201, send(HttpRequest.newBuilder(target).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(config))).statusCode());
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", mediaType);
        manifest.putObject("config").put("mediaType", configType).put("digest", configDigest).put("size", config.length);
        manifest.putArray("layers");
        return manifest;
    }

    private void put(String repository, String reference, String mediaType, byte[] manifest) throws Exception {
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(uri(repository + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        assertEquals(201, put.statusCode(), new String(put.body(), StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return stack.url().resolve("/v2/" + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        String basic = Base64.getEncoder().encodeToString((stack.username() + ":" + stack.password())
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newBuilder().sslContext(stack.sslContext()).build()
                .send(request.header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String digestOf(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
