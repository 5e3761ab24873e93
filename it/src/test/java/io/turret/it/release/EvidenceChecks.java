package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.it.host.DebianPackages;
import io.turret.it.stack.RegistryStack;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Checks of a release's attestations and SBOMs by tools that are not Turret: the registry's API
 * read by hand, openssl over DSSE's pre-authentication encoding, and Debian's python3-jsonschema
 * with the CycloneDX schema files of the npm package @cyclonedx/cyclonedx-library.
 */
final class EvidenceChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceChecks() {
    }

    /** The bytes at {@code path} on the stack's registry, accepting OCI manifests too. */
    static HttpResponse<byte[]> get(RegistryStack stack, String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString((stack.username() + ":" + stack.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().sslContext(stack.sslContext()).build();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(stack.url() + path))
                .header("Authorization", "Basic " + basic).header("Accept", "application/vnd.oci.image.manifest.v1+json, "
                        + "application/vnd.docker.distribution.manifest.v2+json").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 == 3) { // a blob on S3: its presigned URL, without the registry's credential
            URI target = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            return http.send(HttpRequest.newBuilder(target).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        return response;
    }

    /**
     * Every envelope of {@code repository@digest}'s {@code sha256-HEX.att}: its signature checked by
     * {@code openssl dgst -sha256 -verify} over the PAE, its statement naming {@code digest}.
     *
     * @return predicate type → the statement's predicate
     */
    static Map<String, JsonNode> verifiedAttestations(RegistryStack stack, String repository, String digest, Path publicKey,
            Path work) throws Exception {
        String tag = "sha256-" + digest.substring("sha256:".length()) + ".att";
        HttpResponse<byte[]> manifest = get(stack, "/v2/" + repository + "/manifests/" + tag);
        assertEquals(200, manifest.statusCode(), repository + ":" + tag + " " + new String(manifest.body(), StandardCharsets.UTF_8));
        Map<String, JsonNode> predicates = new TreeMap<>();
        int n = 0;
        for (JsonNode layer : JSON.readTree(manifest.body()).path("layers")) {
            assertEquals("application/vnd.dsse.envelope.v1+json", layer.path("mediaType").asText(), repository);
            HttpResponse<byte[]> blob = get(stack, "/v2/" + repository + "/blobs/" + layer.path("digest").asText());
            assertEquals(200, blob.statusCode(), repository + " " + layer);
            JsonNode envelope = JSON.readTree(blob.body());
            byte[] payload = Base64.getDecoder().decode(envelope.path("payload").asText());
            String type = envelope.path("payloadType").asText();
            assertEquals("application/vnd.in-toto+json", type);
            ByteArrayOutputStream pae = new ByteArrayOutputStream();
            pae.writeBytes(("DSSEv1 " + type.getBytes(StandardCharsets.UTF_8).length + " " + type + " " + payload.length + " ")
                    .getBytes(StandardCharsets.UTF_8));
            pae.writeBytes(payload);
            Path signed = Files.write(work.resolve("pae-" + n), pae.toByteArray());
            Path signature = Files.write(work.resolve("sig-" + n + ".der"), Base64.getDecoder().decode(
                    envelope.path("signatures").get(0).path("sig").asText()));
            n++;
            run(work, "openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature", signature.toString(),
                    signed.toString());
            JsonNode statement = JSON.readTree(payload);
            assertEquals("https://in-toto.io/Statement/v1", statement.path("_type").asText());
            assertEquals(digest.substring("sha256:".length()), statement.path("subject").get(0).path("digest").path("sha256").asText(),
                    repository + ": the statement names the tag's manifest");
            assertEquals(layer.path("annotations").path("predicateType").asText(), statement.path("predicateType").asText());
            predicates.put(statement.path("predicateType").asText(), statement.path("predicate"));
        }
        return predicates;
    }

    /** Validates the files with the CycloneDX 1.6 schema (python3-jsonschema, Draft 7), offline. */
    static void validCycloneDx(List<Path> boms) throws Exception {
        DebianPackages.ensureInstalled(List.of("python3-jsonschema"));
        Path validator = Paths.get(EvidenceChecks.class.getResource("/cyclonedx/validate.py").toURI());
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", validator.toString()));
        boms.forEach(bom -> command.add(bom.toString()));
        run(validator.getParent(), command.toArray(String[]::new));
    }

    /** The purls of a BOM's components. */
    static List<String> purls(JsonNode bom) {
        List<String> purls = new ArrayList<>();
        bom.path("components").forEach(component -> purls.add(component.path("purl").asText()));
        return purls;
    }

    static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0, List.of(command) + ": " + output);
        return output;
    }
}
