package io.turret.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureCheckTest {
    private static final String REFERENCE = "registry.example:5000/sample/api";
    private static final Digest DIGEST = Digest.of("manifest".getBytes(StandardCharsets.UTF_8));

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

    private AttachedSignature signed(String reference, Digest digest) {
        byte[] payload = new SimpleSigning(reference, digest).toJson();
        return new AttachedSignature(payload, signing.sign(payload));
    }

    @Test
    void theSimpleSigningPayloadIsCosigns() {
        assertEquals("{\"critical\":{\"identity\":{\"docker-reference\":\"" + REFERENCE + "\"},\"image\":{\"docker-manifest-digest\":\""
                + DIGEST + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}",
                new String(new SimpleSigning(REFERENCE, DIGEST).toJson(), StandardCharsets.UTF_8));
        assertEquals(new SimpleSigning(REFERENCE, DIGEST), SimpleSigning.parse(new SimpleSigning(REFERENCE, DIGEST).toJson()));
        assertThrows(IllegalArgumentException.class, () -> SimpleSigning.parse("{\"critical\":{}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSignatureOfTheTagsManifestAndRepositoryPasses() {
        assertEquals(Optional.empty(), SignatureCheck.problem(List.of(signed(REFERENCE, DIGEST)), verify, REFERENCE, DIGEST));
    }

    @Test
    void oneGoodSignatureAmongOthersPasses() {
        AttachedSignature foreign = new AttachedSignature("x".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        assertEquals(Optional.empty(), SignatureCheck.problem(List.of(foreign, signed(REFERENCE, DIGEST)), verify, REFERENCE, DIGEST));
    }

    @Test
    void noSignatureNamesTheMissingTag() {
        String why = SignatureCheck.problem(List.of(), verify, REFERENCE, DIGEST).orElseThrow();
        assertTrue(why.contains("no signature") && why.contains("sha256-" + DIGEST.hex() + ".sig"), why);
    }

    @Test
    void anotherKeyDoesNotVerify() {
        String why = SignatureCheck.problem(List.of(signed(REFERENCE, DIGEST)), other, REFERENCE, DIGEST).orElseThrow();
        assertTrue(why.contains("does not verify with " + folder.resolve("other.pem")), why);
    }

    @Test
    void aSignatureOfAnotherManifestOrRepositoryDoesNotPass() {
        Digest another = Digest.of("another".getBytes(StandardCharsets.UTF_8));
        String digestWhy = SignatureCheck.problem(List.of(signed(REFERENCE, another)), verify, REFERENCE, DIGEST).orElseThrow();
        String referenceWhy = SignatureCheck.problem(List.of(signed("registry.example:5000/sample/worker", DIGEST)), verify,
                REFERENCE, DIGEST).orElseThrow();

        assertTrue(digestWhy.contains("names " + another + ", not the tag's " + DIGEST), digestWhy);
        assertTrue(referenceWhy.contains("names registry.example:5000/sample/worker, not " + REFERENCE), referenceWhy);
    }

    @Test
    void anAlteredPayloadDoesNotVerify() {
        AttachedSignature good = signed(REFERENCE, DIGEST);
        byte[] altered = new String(good.payload(), StandardCharsets.UTF_8).replace(DIGEST.hex(), "0".repeat(64))
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(SignatureCheck.problem(List.of(new AttachedSignature(altered, good.signature())), verify, REFERENCE,
                DIGEST).isPresent());
    }
}
