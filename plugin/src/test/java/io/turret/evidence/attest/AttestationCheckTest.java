package io.turret.evidence.attest;

import static io.turret.files.JsonFiles.JSON;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.evidence.ImageUse;
import io.turret.evidence.ReleaseFacts;
import io.turret.evidence.SigningKey;
import io.turret.evidence.TestCounts;
import io.turret.evidence.TestKeys;
import io.turret.evidence.VerifyKey;
import io.turret.evidence.sbom.CycloneDx;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationCheckTest {
    private static final String NAME = "registry.example:5000/sample/api";
    private static final Digest DIGEST = Digest.of("manifest".getBytes(StandardCharsets.UTF_8));
    private static final Digest IMAGE_ID = Digest.of("config".getBytes(StandardCharsets.UTF_8));
    private static final ReleaseFacts FACTS = new ReleaseFacts("r1", Optional.of("0".repeat(40)), false,
            Optional.of(Digest.of(new byte[0])), "0.1.0", Instant.parse("2026-12-07T10:00:00Z"),
            List.of(new ImageUse("go", "golang:1.22", Optional.of(IMAGE_ID), Optional.of("go build ./..."))),
            List.of(new ImageUse("smoke", "curlimages/curl", Optional.empty(), Optional.of("curl api"))), List.of(),
            List.of(Platform.of("linux", "amd64")), Optional.of(new TestCounts(3, 0, 1)));

    @TempDir
    Path folder;

    private SigningKey signing;
    private VerifyKey verify;
    private VerifyKey other;

    @BeforeEach
    void keys() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        signing = SigningKey.read(TestKeys.write(folder, "key.pem", TestKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded())),
                Optional.empty());
        verify = VerifyKey.read(TestKeys.write(folder, "pub.pem", TestKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded())));
        other = VerifyKey.read(TestKeys.write(folder, "other.pem", TestKeys.pem("PUBLIC KEY",
                TestKeys.ec("secp256r1").getPublic().getEncoded())));
    }

    private Attestations.Envelope envelope(String type, JsonNode predicate, Digest subject) {
        return new Attestations.Envelope(type, Dsse.sign(new Statement(NAME, subject, type, predicate).toJson(), signing));
    }

    private JsonNode verdict(String outcome) {
        return TestVerdict.predicate(FACTS, "api", IMAGE_ID, Map.of("api", IMAGE_ID),
                JSON.createObjectNode().put("verdict", outcome).put("testedBy", "r0").put("reused", false));
    }

    private List<Attestations.Envelope> release(JsonNode verdict) {
        return new ArrayList<>(List.of(
                envelope(SlsaProvenance.PREDICATE_TYPE, SlsaProvenance.predicate(FACTS, "api", IMAGE_ID, Instant.now()), DIGEST),
                envelope(TestVerdict.PREDICATE_TYPE, verdict, DIGEST),
                envelope(CycloneDx.PREDICATE_TYPE, JSON.createObjectNode().put("bomFormat", "CycloneDX"), DIGEST)));
    }

    @Test
    void thePreAuthenticationEncodingIsDsses() {
        assertArrayEquals("DSSEv1 28 application/vnd.in-toto+json 5 hello".getBytes(StandardCharsets.UTF_8),
                Dsse.pae(Dsse.IN_TOTO, "hello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReleasesThreeAttestationsPass() {
        assertEquals(Optional.empty(), AttestationCheck.problem(release(verdict("passed")), verify, DIGEST, Optional.of(IMAGE_ID)));
    }

    @Test
    void anotherKeyFailsEachAttestation() {
        String why = AttestationCheck.problem(release(verdict("passed")), other, DIGEST, Optional.of(IMAGE_ID)).orElseThrow();
        assertTrue(why.contains("https://slsa.dev/provenance/v1 attestation does not verify with"), why);
        assertTrue(why.contains("https://cyclonedx.org/bom attestation does not verify"), why);
    }

    @Test
    void anAlteredStatementFails() throws Exception {
        List<Attestations.Envelope> envelopes = release(verdict("passed"));
        ObjectNode envelope = (ObjectNode) JSON.readTree(envelopes.get(1).json());
        String statement = new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8);
        envelope.put("payload", Base64.getEncoder().encodeToString(statement.replace("passed", "failed")
                .getBytes(StandardCharsets.UTF_8)));
        envelopes.set(1, new Attestations.Envelope(TestVerdict.PREDICATE_TYPE, JSON.writeValueAsBytes(envelope)));
        String why = AttestationCheck.problem(envelopes, verify, DIGEST, Optional.of(IMAGE_ID)).orElseThrow();
        assertTrue(why.contains("test-verdict/v1 attestation does not verify"), why);
    }

    @Test
    void aFailedVerdictOrOneAboutAnotherImageFails() {
        assertTrue(AttestationCheck.problem(release(verdict("failed")), verify, DIGEST, Optional.of(IMAGE_ID)).orElseThrow()
                .contains("its verdict is 'failed', not passed"));
        Digest otherImage = Digest.of("other config".getBytes(StandardCharsets.UTF_8));
        assertTrue(AttestationCheck.problem(release(verdict("passed")), verify, DIGEST, Optional.of(otherImage)).orElseThrow()
                .contains("its verdict is about the image " + IMAGE_ID + ", not " + otherImage));
    }

    @Test
    void attestationsOfAnotherManifestOrNoneFail() {
        Digest tagged = Digest.of("another manifest".getBytes(StandardCharsets.UTF_8));
        assertTrue(AttestationCheck.problem(release(verdict("passed")), verify, tagged, Optional.of(IMAGE_ID)).orElseThrow()
                .contains("is not a statement of that type about " + tagged));
        assertEquals(Optional.of("no attestations of " + DIGEST + " (no tag sha256-" + DIGEST.hex() + ".att)"),
                AttestationCheck.problem(List.of(), verify, DIGEST, Optional.of(IMAGE_ID)));
    }

    @Test
    void aMissingPredicateIsNamed() {
        List<Attestations.Envelope> envelopes = release(verdict("passed"));
        envelopes.remove(2);
        assertEquals(Optional.of("no https://cyclonedx.org/bom attestation"),
                AttestationCheck.problem(envelopes, verify, DIGEST, Optional.of(IMAGE_ID)));
    }

    @Test
    void theVerdictNamesTheRunnersPlatformsCountsAndTheImagesTheEnvironmentRan() {
        JsonNode verdict = verdict("passed");
        assertEquals("linux/amd64", verdict.path("platforms").get(0).path("platform").asText());
        assertEquals("smoke", verdict.path("runners").get(0).path("name").asText());
        assertEquals(3, verdict.path("tests").path("run").asInt());
        assertEquals(IMAGE_ID.toString(), verdict.path("environment").path("images").path("api").asText());
        JsonNode provenance = SlsaProvenance.predicate(FACTS, "api", IMAGE_ID, Instant.now());
        assertEquals(IMAGE_ID.hex(), provenance.path("buildDefinition").path("resolvedDependencies").get(1).path("digest")
                .path("sha256").asText());
        assertEquals("go build ./...", provenance.path("buildDefinition").path("externalParameters").path("builders").get(0)
                .path("script").asText());
    }
}
