package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.it.images.SampleBaseImages;
import io.turret.it.maven.MavenRun;
import io.turret.it.maven.MavenSettings;
import io.turret.it.maven.SampleProject;
import io.turret.it.secrets.SecretForms;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release signed with an encrypted key (made with openssl, its passphrase in
 * TURRET_SIGNING_PASSPHRASE): its signatures, in cosign's layout, fetched by skopeo and checked by
 * openssl; its attestations (provenance, test verdict, SBOM) as DSSE envelopes checked by openssl
 * over their pre-authentication encoding; its SBOMs validated against the CycloneDX schema by
 * python3-jsonschema: tools that are not Turret. turret:verify with the right key and another; a
 * promotion to a second registry bringing the evidence along; a tag moved by hand to an unsigned
 * manifest, which verify names and promote refuses. Ordered: later tests use the first release.
 */
@ExtendWith(RegistryStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedReleaseIT {
    private static final List<String> SERVICES = List.of("api", "worker", "frontend", "redis");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSPHRASE = "signing passphrase 7f3a9c21";
    /** A namespace of its own: the stack is shared with the other tests, which release and promote the sample too. */
    private static final String NAMESPACE = "signed";
    private static final String PROVENANCE = "https://slsa.dev/provenance/v1";
    private static final String VERDICT = "https://turret.io/attestations/test-verdict/v1";
    private static final String SBOM = "https://cyclonedx.org/bom";

    @TempDir
    static Path sample;

    @TempDir
    static Path maven;

    @TempDir
    static Path keys;

    private static MavenSettings settings;

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(keys.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "openssl " + command + ": " + output);
    }

    private static MavenRun.Result maven(RegistryStack stack, String... goalAndProperties) throws Exception {
        if (settings == null) {
            SampleBaseImages.onDefaultEngine().ensureAll();
            SampleProject.copyTo(sample);
            settings = MavenSettings.encrypted(maven, stack.address(), stack.username(), stack.password());
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
            openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "key.pem", "-out", "signing.pem", "-passout",
                    "pass:" + PASSPHRASE);
            openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other-key.pem");
            openssl("pkey", "-in", "other-key.pem", "-pubout", "-out", "other.pem");
        }
        List<String> args = new ArrayList<>(settings.arguments());
        args.addAll(List.of(goalAndProperties));
        args.addAll(List.of("-Dturret.registry=" + stack.address(), "-Dturret.namespace=" + NAMESPACE,
                "-Dturret.signingKey=" + keys.resolve("signing.pem")));
        return MavenRun.run(sample, Map.of("TURRET_SIGNING_PASSPHRASE", PASSPHRASE), args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void aSignedReleasesSignaturesAreFetchedBySkopeoAndVerifiedByOpenssl(RegistryStack stack) throws Exception {
        MavenRun.Result result = maven(stack, "turret:release", "-Dsuffix=integration", "-X");

        assertEquals(0, result.exitCode(), result.output());
        JsonNode release = JSON.readTree(sample.resolve("target/turret/release.json").toFile());
        Path registries = Files.createDirectories(keys.resolve("registries.d"));
        Files.writeString(registries.resolve("turret.yaml"), "docker:\n  " + stack.address() + ":\n    use-sigstore-attachments: true\n");
        Path certs = Files.createDirectories(keys.resolve("certs"));
        Files.copy(stack.certificateAuthority().certificate(), certs.resolve("ca.crt"));
        for (String service : SERVICES) {
            String digest = release.path("services").path(service).path("digest").asText();
            assertTrue(result.output().contains("[" + service + "] signed " + NAMESPACE + "/" + service + "@" + digest),
                    result.output());
            Path copied = keys.resolve("copy-" + service);
            Process skopeo = new ProcessBuilder("skopeo", "--insecure-policy", "--registries.d", registries.toString(), "copy",
                    "--src-cert-dir", certs.toString(), "--src-creds", stack.username() + ":" + stack.password(),
                    "docker://" + stack.address() + "/" + NAMESPACE + "/" + service + ":integration", "dir:" + copied)
                    .redirectErrorStream(true).start();
            String said = new String(skopeo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(skopeo.waitFor(5, TimeUnit.MINUTES) && skopeo.exitValue() == 0, service + ": skopeo: " + said);

            byte[] signature = Files.readAllBytes(copied.resolve("signature-1"));
            byte[] magic = "\0sigstore-json\n".getBytes(StandardCharsets.UTF_8);
            assertTrue(Arrays.equals(magic, Arrays.copyOf(signature, magic.length)), service + ": a sigstore signature");
            JsonNode sigstore = JSON.readTree(Arrays.copyOfRange(signature, magic.length, signature.length));
            Path payload = Files.write(keys.resolve(service + "-payload.json"), Base64.getDecoder().decode(sigstore.path("payload")
                    .asText()));
            Files.write(keys.resolve(service + "-sig.der"), Base64.getDecoder().decode(sigstore.path("annotations")
                    .path("dev.cosignproject.cosign/signature").asText()));
            openssl("dgst", "-sha256", "-verify", "pub.pem", "-signature", service + "-sig.der", payload.toString());
            JsonNode critical = JSON.readTree(payload.toFile()).path("critical");
            assertEquals(digest, critical.path("image").path("docker-manifest-digest").asText(), service);
            assertEquals(stack.address() + "/" + NAMESPACE + "/" + service, critical.path("identity").path("docker-reference")
                    .asText(), service);
            assertEquals(digest, "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(copied.resolve("manifest.json")))), service + ": skopeo copied the signed manifest");
        }
        List<Path> boms = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode pushed = release.path("services").path(service);
            Map<String, JsonNode> predicates = EvidenceChecks.verifiedAttestations(stack, NAMESPACE + "/" + service,
                    pushed.path("digest").asText(), keys.resolve("pub.pem"), Files.createDirectories(keys.resolve("att-" + service)));
            assertEquals(Set.of(PROVENANCE, VERDICT, SBOM), predicates.keySet(), service);
            assertEquals("passed", predicates.get(VERDICT).path("verdict").asText(), service);
            assertEquals(pushed.path("imageId").asText(), predicates.get(VERDICT).path("imageId").asText(), service);
            assertEquals("passed", predicates.get(VERDICT).path("platforms").get(0).path("verdict").asText(), service);
            assertEquals(pushed.path("imageId").asText(), predicates.get(VERDICT).path("environment").path("images").path(service)
                    .asText(), service + ": the environment ran the pushed image");
            assertEquals("https://turret.io/buildtypes/release/v1", predicates.get(PROVENANCE).path("buildDefinition")
                    .path("buildType").asText(), service);
            Path bom = sample.resolve("target/turret/sbom/" + service + ".cdx.json");
            assertEquals(JSON.readTree(bom.toFile()), predicates.get(SBOM), service + ": the attested SBOM is the one written");
            boms.add(bom);
        }
        EvidenceChecks.validCycloneDx(boms);
        List<String> api = EvidenceChecks.purls(JSON.readTree(boms.get(SERVICES.indexOf("api")).toFile()));
        assertTrue(api.contains("pkg:golang/example.com/turret-sample"), api.toString());
        assertTrue(api.stream().anyMatch(purl -> purl.startsWith("pkg:golang/stdlib@go1.")), api.toString());
        List<String> redis = EvidenceChecks.purls(JSON.readTree(boms.get(SERVICES.indexOf("redis")).toFile()));
        assertTrue(redis.stream().anyMatch(purl -> purl.startsWith("pkg:deb/debian/redis-server@")), redis.toString());
        assertNoFormOfTheKey(result.output(), "Maven's debug output");
        try (Stream<Path> files = Files.walk(sample.resolve("target"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".tar")).toList()) {
                assertNoFormOfTheKey(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), file.toString());
            }
        }
    }

    /** No form of the passphrase, nor of the private key (its PEM lines, its DER in base64 or hex, encrypted or not). */
    private static void assertNoFormOfTheKey(String text, String where) throws Exception {
        List<String> forms = new ArrayList<>(SecretForms.of("turret", PASSPHRASE));
        for (String file : List.of("key.pem", "signing.pem")) {
            List<String> lines = Files.readAllLines(keys.resolve(file)).stream().filter(line -> !line.startsWith("-----")).toList();
            forms.addAll(lines);
            byte[] der = Base64.getMimeDecoder().decode(String.join("", lines));
            forms.add(HexFormat.of().formatHex(der).substring(0, 64));
            forms.add(HexFormat.of().formatHex(der).substring(64, 128));
        }
        assertEquals(List.of(), forms.stream().filter(text::contains).toList(), "a form of the key or its passphrase in " + where);
    }

    @Test
    @Order(2)
    void verifyPassesWithTheRightKeyAndNamesEveryServiceWithAnother(RegistryStack stack) throws Exception {
        MavenRun.Result right = maven(stack, "turret:verify", "-Dsuffix=integration", "-Dturret.verifyKey=" + keys.resolve("pub.pem"));
        MavenRun.Result other = maven(stack, "turret:verify", "-Dsuffix=integration", "-Dturret.verifyKey=" + keys.resolve("other.pem"));
        MavenRun.Result status = maven(stack, "turret:status", "-Dsuffix=integration", "-Dturret.verifyKey=" + keys.resolve("pub.pem"));

        assertEquals(0, right.exitCode(), right.output());
        assertTrue(right.output().contains("Every integration tag on " + stack.address() + " (4 service(s)) is signed"), right.output());
        assertEquals(1, other.exitCode(), other.output());
        for (String service : SERVICES) {
            assertTrue(other.output().contains("[" + service + "] " + NAMESPACE + "/" + service + ":integration -> its signature does"
                    + " not verify with " + keys.resolve("other.pem")), other.output());
            assertTrue(other.output().contains("its https://turret.io/attestations/test-verdict/v1 attestation does not verify with "
                    + keys.resolve("other.pem")), other.output());
            assertTrue(status.output().lines().anyMatch(line -> line.matches("\\[INFO\\] " + service + " +signed and attested, verifies with .*")),
                    status.output());
        }
    }

    @Test
    @Order(3)
    void aPromotionToASecondRegistryBringsEachSignatureAndAttestationWithItsImage(RegistryStack stack) throws Exception {
        JsonNode release = JSON.readTree(sample.resolve("target/turret/release.json").toFile());
        try (RegistryStack second = RegistryStack.start()) {
            List<String> args = new ArrayList<>(settings.withServer(second.address(), second.username(), second.password())
                    .arguments());
            args.addAll(List.of("turret:promote", "-Dfrom=integration", "-Dsuffix=production", "-Dturret.registry=" + stack.address(),
                    "-Dturret.namespace=" + NAMESPACE, "-Dturret.verifyKey=" + keys.resolve("pub.pem"),
                    "-Dturret.promote.registry=" + second.address(), "-Dturret.signingKey=" + keys.resolve("signing.pem")));

            MavenRun.Result promoted = MavenRun.run(sample, Map.of("TURRET_SIGNING_PASSPHRASE", PASSPHRASE),
                    args.toArray(String[]::new));

            assertEquals(0, promoted.exitCode(), promoted.output());
            for (String service : SERVICES) {
                String repository = NAMESPACE + "/" + service;
                String digest = release.path("services").path(service).path("digest").asText();
                assertEquals(Optional.of(digest), RegistryQueries.tagDigest(second, repository, "production"), service);
                String tags = "/v2/" + repository + "/manifests/sha256-" + digest.substring("sha256:".length());
                HttpResponse<byte[]> attestations = EvidenceChecks.get(second, tags + ".att");
                assertEquals(200, attestations.statusCode(), service + ".att");
                assertArrayEquals(EvidenceChecks.get(stack, tags + ".att").body(), attestations.body(), service + ".att: byte for byte");
                // the source's signature, byte for byte, and the target's own, which names the target's repository
                JsonNode sourceLayers = JSON.readTree(EvidenceChecks.get(stack, tags + ".sig").body()).path("layers");
                JsonNode targetLayers = JSON.readTree(EvidenceChecks.get(second, tags + ".sig").body()).path("layers");
                assertEquals(sourceLayers.size() + 1, targetLayers.size(), service + ".sig: " + targetLayers);
                assertEquals(sourceLayers.get(0), targetLayers.get(0), service + ".sig: the source's signature is kept");
                assertEquals(Set.of(PROVENANCE, VERDICT, SBOM), EvidenceChecks.verifiedAttestations(second, repository, digest,
                        keys.resolve("pub.pem"), Files.createDirectories(keys.resolve("second-" + service))).keySet(), service);
            }
            // turret:verify of the second registry: its own signatures name it
            List<String> verify = new ArrayList<>(MavenSettings.plain(Files.createDirectories(maven.resolve("second")),
                    second.address(), second.username(), second.password(), null).arguments());
            verify.addAll(List.of("turret:verify", "-Dsuffix=production", "-Dturret.registry=" + second.address(),
                    "-Dturret.registry.ca=" + second.certificateAuthority().certificate(), "-Dturret.namespace=" + NAMESPACE,
                    "-Dturret.verifyKey=" + keys.resolve("pub.pem")));
            MavenRun.Result verified = MavenRun.run(sample, verify.toArray(String[]::new));
            assertEquals(0, verified.exitCode(), verified.output());
        }
    }

    @Test
    @Order(4)
    void aTagMovedByHandToAnUnsignedManifestFailsVerifyAndPromoteMovesNothing(RegistryStack stack) throws Exception {
        String unsigned = pushUnsignedManifest(stack, NAMESPACE + "/api", "integration");
        assertEquals(Optional.of(unsigned), RegistryQueries.tagDigest(stack, NAMESPACE + "/api", "integration"));

        MavenRun.Result verify = maven(stack, "turret:verify", "-Dsuffix=integration", "-Dturret.verifyKey=" + keys.resolve("pub.pem"));
        MavenRun.Result promote = maven(stack, "turret:promote", "-Dfrom=integration", "-Dsuffix=production",
                "-Dturret.verifyKey=" + keys.resolve("pub.pem"));

        assertEquals(1, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("[api] " + NAMESPACE + "/api:integration -> no signature of " + unsigned), verify.output());
        assertTrue(verify.output().contains("; no attestations of " + unsigned + " (no tag sha256-"), verify.output());
        assertFalse(verify.output().contains("[worker]"), verify.output());
        assertEquals(1, promote.exitCode(), promote.output());
        assertTrue(promote.output().contains("Refusing to promote integration to production: not every integration tag is signed"),
                promote.output());
        assertTrue(promote.output().contains("[api] " + NAMESPACE + "/api:integration -> no signature"), promote.output());
        for (String service : SERVICES) {
            assertEquals(Optional.empty(), RegistryQueries.tagDigest(stack, NAMESPACE + "/" + service, "production"), service);
        }
    }

    /** An image manifest with no layer over an empty config, tagged {@code tag}: what a hand pushes. Returns its digest. */
    private static String pushUnsignedManifest(RegistryStack stack, String repository, String tag) throws Exception {
        byte[] config = "{\"unsigned\":true}".getBytes(StandardCharsets.UTF_8);
        String configDigest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config));
        HttpResponse<String> upload = send(stack, HttpRequest.newBuilder(stack.url().resolve("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, upload.statusCode(), upload.body());
        String location = upload.headers().firstValue("Location").orElseThrow();
        URI target = stack.url().resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + configDigest);
        assertEquals(201, send(stack, HttpRequest.newBuilder(target).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(config))).statusCode());
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[]}";
        HttpResponse<String> put = send(stack, HttpRequest.newBuilder(stack.url().resolve("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)));
        assertEquals(201, put.statusCode(), put.body());
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(RegistryStack stack, HttpRequest.Builder request) throws Exception {
        String basic = Base64.getEncoder().encodeToString((stack.username() + ":" + stack.password())
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newBuilder().sslContext(stack.sslContext()).build()
                .send(request.header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }
}
