package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.turret.it.host.Commands;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.TurretPom;
import io.turret.it.stack.FaultProxy;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small project of one static Go service on scratch, released for linux/amd64 and linux/arm64 with only
 * linux/amd64 tested (this engine does not run arm64): an OCI index of both under the suffix tag, read by
 * skopeo, a client that is not Turret; the arm64 image holds an aarch64 binary; a promotion to a second
 * registry keeps the index's digest; a base lacking a platform, and a builder failing for arm64 alone,
 * stop the release with nothing pushed; a release killed with kill -9 before its index's tag moved is rolled
 * forward by the next run. Ordered: later tests use the first release.
 */
@ExtendWith(RegistryStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiPlatformReleaseIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EM_AARCH64 = 0xB7;
    private static final String NAMESPACE = "multi-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PLATFORMS = "-Dturret.platforms=linux/amd64,linux/arm64";
    private static final String TESTED = "-Dturret.it.platforms=linux/amd64";
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";

    @TempDir
    static Path project;

    @TempDir
    static Path maven;

    @TempDir
    static Path scratch;

    private static MavenSettings settings;

    /** The service's configuration, its base and its builder's failing architecture as given. */
    private static void writeProject(String base) throws Exception {
        Files.createDirectories(project.resolve("go/check"));
        Files.writeString(project.resolve("go/go.mod"), "module hello\n\ngo 1.19\n");
        Files.writeString(project.resolve("go/main.go"), """
                package main

                import (
                	"fmt"
                	"net/http"
                	"runtime"
                )

                func main() {
                	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
                		fmt.Fprintf(w, "ok %s\\n", runtime.GOARCH)
                	})
                	fmt.Println("listening on :8080")
                	if err := http.ListenAndServe(":8080", nil); err != nil {
                		panic(err)
                	}
                }
                """);
        Files.writeString(project.resolve("go/check/main.go"), """
                package main

                import (
                	"fmt"
                	"io"
                	"net/http"
                	"os"
                	"strings"
                )

                func main() {
                	answer, err := http.Get(os.Args[1])
                	if err != nil {
                		fmt.Println(err)
                		os.Exit(1)
                	}
                	body, _ := io.ReadAll(answer.Body)
                	fmt.Printf("%d %s", answer.StatusCode, body)
                	if answer.StatusCode != 200 || !strings.HasPrefix(string(body), "ok ") {
                		os.Exit(1)
                	}
                }
                """);
        TurretPom.write(project, "multi", """
                <builders>
                  <builder>
                    <name>go</name>
                    <image>%s</image>
                    <sources><source>go</source></sources>
                    <script>
                      if [ "$TARGETARCH" = "$FAIL_ON" ]; then echo "cannot build for $TARGETARCH" >&amp;2; exit 3; fi
                      cd go
                      GOARCH=$TARGETARCH go build -trimpath -ldflags=-buildid= -o /out/hello .
                    </script>
                    <environment>
                      <CGO_ENABLED>0</CGO_ENABLED>
                      <GOCACHE>/cache/go-build</GOCACHE>
                      <FAIL_ON>${failOn}</FAIL_ON>
                    </environment>
                    <outputs><output>/out</output></outputs>
                    <caches><cache>/cache</cache></caches>
                  </builder>
                </builders>
                <services>
                  <service>
                    <name>hello</name>
                    <base>%s</base>
                    <layers><layer><builder>go</builder><path>hello</path><into>/hello</into></layer></layers>
                    <entrypoint><arg>/hello</arg></entrypoint>
                    <ports><port>8080</port></ports>
                    <user>65532:65532</user>
                  </service>
                </services>
                <testContainers>
                  <container>
                    <service>hello</service>
                    <waitFor><log>listening on :8080</log><timeout>30</timeout></waitFor>
                  </container>
                </testContainers>
                <runners>
                  <runner>
                    <name>check</name>
                    <builder>go</builder>
                    <script>cd go &amp;&amp; go run ./check http://hello:8080/healthz</script>
                  </runner>
                </runners>
                """.formatted(SampleBaseImages.GO_BUILDER.reference(), base));
    }

    private static MavenRun.Result maven(RegistryStack stack, String... goalAndProperties) throws Exception {
        if (settings == null) {
            SampleBaseImages.onDefaultEngine().ensure(SampleBaseImages.GO_BUILDER);
            settings = MavenSettings.encrypted(maven, stack.address(), stack.username(), stack.password());
        }
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of(goalAndProperties));
        args.addAll(List.of("-Dturret.registry=" + stack.address(), "-Dturret.namespace=" + NAMESPACE));
        return MavenRun.run(project, args.toArray(String[]::new));
    }

    private static String repository() {
        return NAMESPACE + "/hello";
    }

    @Test
    @Order(1)
    void aTwoPlatformReleaseTagsAnIndexOfBothThatSkopeoReadsWithTheArm64BinaryAnAarch64One(RegistryStack stack)
            throws Exception {
        writeProject("scratch");

        MavenRun.Result result = maven(stack, "turret:release", "-Dsuffix=multi", PLATFORMS, TESTED);

        assertEquals(0, result.exitCode(), result.output());
        JsonNode hello = JSON.readTree(project.resolve("target/turret/release.json").toFile()).path("services").path("hello");
        String index = hello.path("digest").asText();
        assertEquals(INDEX, hello.path("mediaType").asText());
        assertTrue(hello.path("platforms").path("linux/amd64").path("tested").asBoolean(false), hello.toString());
        assertFalse(hello.path("platforms").path("linux/arm64").path("tested").asBoolean(true), hello.toString());
        assertEquals(1, result.output().lines().filter(line -> line.startsWith("[WARNING]") && line.contains("UNTESTED")).count(),
                result.output());

        byte[] tagged = get(stack, "/v2/" + repository() + "/manifests/multi").body();
        assertEquals(index, "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tagged)),
                "the tag points at the index release.json records");
        String raw = skopeo(stack, "inspect", "--raw", "docker://" + stack.address() + "/" + repository() + ":multi");
        assertEquals(JSON.readTree(tagged), JSON.readTree(raw), "skopeo reads the index itself");
        JsonNode manifests = JSON.readTree(raw).path("manifests");
        assertEquals(INDEX, JSON.readTree(raw).path("mediaType").asText());
        assertEquals(2, manifests.size(), raw);
        assertEquals("amd64", manifests.get(0).path("platform").path("architecture").asText(), raw);
        assertEquals("arm64", manifests.get(1).path("platform").path("architecture").asText(), raw);
        String arm64 = hello.path("platforms").path("linux/arm64").path("digest").asText();
        assertEquals(arm64, manifests.get(1).path("digest").asText(), raw);

        JsonNode inspected = JSON.readTree(skopeo(stack, "inspect", "--override-arch", "arm64", "docker://" + stack.address() + "/"
                + repository() + ":multi"));
        assertEquals("arm64", inspected.path("Architecture").asText(), inspected.toString());
        assertEquals(index, inspected.path("Digest").asText(), "skopeo names the digest the tag points at: " + inspected);

        Path copied = scratch.resolve("arm64");
        skopeo(stack, "copy", "--src-cert-dir", certificates(stack).toString(), "--src-creds", stack.username() + ":"
                + stack.password(), "docker://" + stack.address() + "/" + repository() + "@" + arm64, "dir:" + copied);
        JsonNode layers = JSON.readTree(copied.resolve("manifest.json").toFile()).path("layers");
        String layer = layers.get(layers.size() - 1).path("digest").asText().substring("sha256:".length());
        assertEquals(EM_AARCH64, elfMachine(copied.resolve(layer), "hello"));
    }

    @Test
    @Order(2)
    void aPromotionToASecondRegistryKeepsTheIndexDigestByteForByte(RegistryStack stack) throws Exception {
        String index = JSON.readTree(project.resolve("target/turret/release.json").toFile()).path("services").path("hello")
                .path("digest").asText();
        try (RegistryStack second = RegistryStack.start()) {
            List<String> args = new ArrayList<>(settings.withServer(second.address(), second.username(), second.password())
                    .arguments());
            args.addAll(List.of("turret:promote", "-Dfrom=multi", "-Dsuffix=production", "-Dturret.registry=" + stack.address(),
                    "-Dturret.namespace=" + NAMESPACE, "-Dturret.promote.registry=" + second.address()));

            MavenRun.Result promoted = MavenRun.run(project, args.toArray(String[]::new));

            assertEquals(0, promoted.exitCode(), promoted.output());
            HttpResponse<byte[]> there = get(second, "/v2/" + repository() + "/manifests/production");
            assertEquals(200, there.statusCode());
            assertEquals(index, there.headers().firstValue("Docker-Content-Digest").orElseThrow());
            assertEquals(get(stack, "/v2/" + repository() + "/manifests/multi").body().length, there.body().length);
            for (JsonNode child : JSON.readTree(there.body()).path("manifests")) {
                assertEquals(200, get(second, "/v2/" + repository() + "/manifests/" + child.path("digest").asText()).statusCode(),
                        "the child " + child + " was copied");
            }
            JsonNode record = JSON.readTree(project.resolve("target/turret/promotion.json").toFile()).path("services")
                    .path("hello");
            assertEquals(index, record.path("digest").asText());
            assertEquals(2, record.path("platforms").size(), record.toString());
        }
    }

    @Test
    @Order(3)
    void aBaseLackingAPlatformFailsBeforeAnyBuildNamingTheBaseAndThePlatform(RegistryStack stack) throws Exception {
        // an index of the released amd64 image alone: a base that has no arm64
        JsonNode index = JSON.readTree(get(stack, "/v2/" + repository() + "/manifests/multi").body());
        String amd64Only = "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":["
                + index.path("manifests").get(0) + "]}";
        assertEquals(201, put(stack, "/v2/" + repository() + "/manifests/amd64-only", amd64Only));
        String base = stack.address() + "/" + repository() + ":amd64-only";
        writeProject(base);
        try {
            MavenRun.Result result = maven(stack, "turret:release", "-Dsuffix=lacking", PLATFORMS, TESTED);

            assertEquals(1, result.exitCode(), result.output());
            List<String> errors = result.output().lines().filter(line -> line.startsWith("[ERROR] Failed to execute goal")).toList();
            assertEquals(1, errors.size(), result.output());
            assertTrue(errors.get(0).contains(base) && errors.get(0).contains("linux/arm64"), errors.get(0));
            assertFalse(result.output().contains("] started"), "nothing was built: " + result.output());
            assertEquals(404, get(stack, "/v2/" + repository() + "/manifests/lacking").statusCode());
        } finally {
            writeProject("scratch");
        }
    }

    @Test
    @Order(4)
    void aBuilderThatFailsForArm64AlonePushesNothingAndLeavesNoContainer(RegistryStack stack, DockerClient docker)
            throws Exception {
        MavenRun.Result result = maven(stack, "turret:release", "-Dsuffix=arm64-fails", PLATFORMS, TESTED, "-DfailOn=arm64");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("cannot build for arm64"), result.output());
        assertEquals(404, get(stack, "/v2/" + repository() + "/manifests/arm64-fails").statusCode());
        assertEquals(List.of(), docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.turret.project", "multi")).exec(), "containers left behind");
    }

    @Test
    @Order(5)
    void aReleaseKilledBeforeItsIndexTagMovedIsRolledForwardToTheIndexByTheNextRun(RegistryStack stack) throws Exception {
        // the same images under another suffix: the same index (the suffix is a tag, never content)
        String index = get(stack, "/v2/" + repository() + "/manifests/multi").headers().firstValue("Docker-Content-Digest")
                .orElseThrow();
        int nginx = Integer.parseInt(stack.address().substring(stack.address().lastIndexOf(':') + 1));
        try (FaultProxy faults = FaultProxy.start(stack.certificateAuthority(), new InetSocketAddress("127.0.0.1", nginx),
                stack.sslContext())) {
            FaultProxy.Hold tag = faults.hold("PUT", "/v2/" + repository() + "/manifests/crash");
            Process release = MavenRun.start(project, throughRegistry(stack, faults.address(), "turret:release", "-Dsuffix=crash",
                    PLATFORMS, TESTED));
            try {
                assertTrue(tag.awaitHeld(1, Duration.ofMinutes(8)), "the release reached its tag");
                release.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                release.destroyForcibly();
                assertTrue(release.waitFor(60, TimeUnit.SECONDS));
            } finally {
                release.destroyForcibly();
            }
        }
        assertEquals(404, get(stack, "/v2/" + repository() + "/manifests/crash").statusCode(), "the tag was held");
        assertEquals(200, get(stack, "/v2/" + repository() + "/manifests/" + index).statusCode(), "the index was pushed");

        MavenRun.Result status = MavenRun.run(project, throughRegistry(stack, stack.address(), "turret:status", "-Dsuffix=crash"));
        assertEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().contains("of crash is UNFINISHED"), status.output());

        MavenRun.Result check = MavenRun.run(project, throughRegistry(stack, stack.address(), "turret:check", "-Dsuffix=crash"));
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("was rolled forward"), check.output());
        HttpResponse<byte[]> repaired = get(stack, "/v2/" + repository() + "/manifests/crash");
        assertEquals(index, repaired.headers().firstValue("Docker-Content-Digest").orElseThrow(), "the tag is on the index");
    }

    @Test
    @Order(6)
    void aSignedIndexVerifiesOnlyOnceEveryPlatformWasTested(RegistryStack stack) throws Exception {
        writeProject("scratch");
        Path key = scratch.resolve("signing.pem");
        Path pub = scratch.resolve("pub.pem");
        Commands.run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        Commands.run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());

        // arm64 released untested: the index is signed, but its verdict says so and verify refuses it
        MavenRun.Result narrowed = maven(stack, "turret:release", "-Dsuffix=signed-narrow", PLATFORMS, TESTED,
                "-Dturret.signingKey=" + key);
        assertEquals(0, narrowed.exitCode(), narrowed.output());
        MavenRun.Result refused = maven(stack, "turret:verify", "-Dsuffix=signed-narrow", "-Dturret.verifyKey=" + pub);
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("its verdict on linux/arm64 is not passed"), refused.output());

        // both tested (arm64 under emulation): the same index, its evidence made again, verifies
        MavenRun.Result tested = maven(stack, "turret:release", "-Dsuffix=signed", PLATFORMS, "-Dturret.signingKey=" + key);
        assertEquals(0, tested.exitCode(), tested.output());
        assertTrue(tested.output().contains("linux/arm64 under emulation"), tested.output());
        String index = JSON.readTree(project.resolve("target/turret/release.json").toFile()).path("services").path("hello")
                .path("digest").asText();
        String tags = "/v2/" + repository() + "/manifests/sha256-" + index.substring("sha256:".length());
        assertEquals(200, EvidenceChecks.get(stack, tags + ".sig").statusCode(), "the index is signed");
        JsonNode attestations = JSON.readTree(EvidenceChecks.get(stack, tags + ".att").body()).path("layers");
        assertEquals(4, attestations.size(), "provenance, verdict and an SBOM per platform: " + attestations);
        for (String platform : List.of("linux-amd64", "linux-arm64")) {
            assertTrue(Files.isRegularFile(project.resolve("target/turret/sbom/hello." + platform + ".cdx.json")), platform);
        }
        MavenRun.Result verified = maven(stack, "turret:verify", "-Dsuffix=signed", "-Dturret.verifyKey=" + pub);
        assertEquals(0, verified.exitCode(), verified.output());
    }

    /** Maven's arguments for {@code goal} against {@code registry}: the stack itself, or the fault proxy in front of it. */
    private static String[] throughRegistry(RegistryStack stack, String registry, String... goalAndProperties) throws Exception {
        Path folder = Files.createDirectories(maven.resolve(registry.replace(':', '_')));
        MavenSettings plain = MavenSettings.plain(folder, registry, stack.username(), stack.password(), null);
        List<String> args = new ArrayList<>(plain.arguments());
        args.addAll(List.of(goalAndProperties));
        args.addAll(List.of("-Dturret.registry=" + registry, "-Dturret.namespace=" + NAMESPACE,
                "-Dturret.registry.ca=" + stack.certificateAuthority().certificate()));
        return args.toArray(String[]::new);
    }

    private static Path certificates(RegistryStack stack) throws Exception {
        return Skopeo.certificates(stack, scratch);
    }

    private static String skopeo(RegistryStack stack, String... args) throws Exception {
        return Skopeo.run(stack, scratch, args);
    }

    /** A registry's answer to a GET of {@code path}, accepting an index. */
    private static HttpResponse<byte[]> get(RegistryStack stack, String path) throws Exception {
        return HttpClient.newBuilder().sslContext(stack.sslContext()).build().send(HttpRequest.newBuilder(
                URI.create(stack.url() + path)).header("Authorization", basic(stack))
                .header("Accept", INDEX + ", application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int put(RegistryStack stack, String path, String index) throws Exception {
        return HttpClient.newBuilder().sslContext(stack.sslContext()).build().send(HttpRequest.newBuilder(
                URI.create(stack.url() + path)).header("Authorization", basic(stack)).header("Content-Type", INDEX)
                .PUT(HttpRequest.BodyPublishers.ofString(index)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String basic(RegistryStack stack) {
        return "Basic " + Base64.getEncoder().encodeToString((stack.username() + ":" + stack.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The ELF machine of the file {@code name} in a gzip-compressed layer. */
    private static int elfMachine(Path layer, String name) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(layer));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").equals(name)) {
                    byte[] header = tar.readNBytes(20);
                    assertEquals(0x7F, header[0]);
                    assertEquals('E', header[1]);
                    return (header[18] & 0xFF) | (header[19] & 0xFF) << 8;
                }
            }
        }
        throw new AssertionError("no " + name + " in " + layer);
    }
}
