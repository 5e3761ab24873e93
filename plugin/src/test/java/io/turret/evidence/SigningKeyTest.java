package io.turret.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.UserFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
    private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.UTF_8);
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path folder;

    private Path publicKey(KeyPair pair) throws Exception {
        return TestKeys.write(folder, "pub.pem", TestKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    @Test
    void signsWhatThePublicKeyVerifies() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        Path key = TestKeys.write(folder, "key.pem", TestKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

        byte[] signature = SigningKey.read(key, Optional.empty()).sign(PAYLOAD);

        assertTrue(VerifyKey.read(publicKey(pair)).verifies(PAYLOAD, signature));
        assertFalse(VerifyKey.read(publicKey(pair)).verifies("other".getBytes(StandardCharsets.UTF_8), signature));
        // DER ECDSA over SHA-256, as openssl dgst -sha256 -verify reads it
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initVerify(pair.getPublic());
        jdk.update(PAYLOAD);
        assertTrue(jdk.verify(signature));
    }

    @Test
    void anotherPairsKeyDoesNotVerify() throws Exception {
        Path key = TestKeys.write(folder, "key.pem", TestKeys.pem("PRIVATE KEY", TestKeys.ec("secp256r1").getPrivate().getEncoded()));

        byte[] signature = SigningKey.read(key, Optional.empty()).sign(PAYLOAD);

        assertFalse(VerifyKey.read(publicKey(TestKeys.ec("secp256r1"))).verifies(PAYLOAD, signature));
        assertFalse(VerifyKey.read(publicKey(TestKeys.ec("secp256r1"))).verifies(PAYLOAD, new byte[] {1, 2, 3}));
    }

    @Test
    void readsAnEncryptedKeyWithItsPassphrase() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        Path key = TestKeys.write(folder, "key.pem", TestKeys.pem("ENCRYPTED PRIVATE KEY", TestKeys.encrypted(pair, PASSPHRASE)));

        byte[] signature = SigningKey.read(key, Optional.of(new Passphrase(PASSPHRASE))).sign(PAYLOAD);

        assertTrue(VerifyKey.read(publicKey(pair)).verifies(PAYLOAD, signature));
    }

    @Test
    void aWrongPassphraseIsToldWithoutTheKeyOrThePassphrase() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        byte[] encrypted = TestKeys.encrypted(pair, PASSPHRASE);
        Path key = TestKeys.write(folder, "key.pem", TestKeys.pem("ENCRYPTED PRIVATE KEY", encrypted));

        UserFailure failure = assertThrows(UserFailure.class, () -> SigningKey.read(key, Optional.of(new Passphrase("wrong one"))));

        assertTrue(failure.getMessage().contains("cannot be decrypted with the passphrase"), failure.getMessage());
        assertEquals(null, failure.getCause(), "no cause: its text is the JDK's");
        for (String secret : new String[] {"wrong one", PASSPHRASE, Base64.getEncoder().encodeToString(encrypted).substring(0, 40),
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()).substring(20, 60)}) {
            assertFalse(failure.getMessage().contains(secret), failure.getMessage());
        }
    }

    @Test
    void anEncryptedKeyWithoutPassphraseSaysWhereToGiveIt() throws Exception {
        Path key = TestKeys.write(folder, "key.pem", TestKeys.pem("ENCRYPTED PRIVATE KEY",
                TestKeys.encrypted(TestKeys.ec("secp256r1"), PASSPHRASE)));

        UserFailure failure = assertThrows(UserFailure.class, () -> SigningKey.read(key, Optional.empty()));

        assertTrue(failure.getMessage().contains("TURRET_SIGNING_PASSPHRASE"), failure.getMessage());
        assertTrue(failure.getMessage().contains("<signingKeyServerId>"), failure.getMessage());
    }

    @Test
    void refusesAnotherCurveAnRsaKeyAndOpenSslsOwnFormat() throws Exception {
        Path p384 = TestKeys.write(folder, "p384.pem", TestKeys.pem("PRIVATE KEY", TestKeys.ec("secp384r1").getPrivate().getEncoded()));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path rsaKey = TestKeys.write(folder, "rsa.pem", TestKeys.pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded()));
        Path sec1 = TestKeys.write(folder, "sec1.pem", TestKeys.pem("EC PRIVATE KEY", new byte[] {1, 2, 3}));

        assertTrue(assertThrows(UserFailure.class, () -> SigningKey.read(p384, Optional.empty())).getMessage()
                .contains("another curve than P-256"));
        assertTrue(assertThrows(UserFailure.class, () -> SigningKey.read(rsaKey, Optional.empty())).getMessage()
                .contains("not an EC private key"));
        assertTrue(assertThrows(UserFailure.class, () -> SigningKey.read(sec1, Optional.empty())).getMessage()
                .contains("openssl pkcs8 -topk8"));
    }

    @Test
    void aPublicKeyIsNoSigningKeyNorAPrivateKeyAVerifyKey() throws Exception {
        KeyPair pair = TestKeys.ec("secp256r1");
        Path key = TestKeys.write(folder, "key.pem", TestKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

        UserFailure signing = assertThrows(UserFailure.class, () -> SigningKey.read(publicKey(pair), Optional.empty()));
        UserFailure verifying = assertThrows(UserFailure.class, () -> VerifyKey.read(key));

        assertTrue(signing.getMessage().startsWith("<signingKey> (turret.signingKey)"), signing.getMessage());
        assertTrue(verifying.getMessage().contains("holds a PRIVATE KEY, not a public key"), verifying.getMessage());
        assertFalse(verifying.getMessage().contains(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                .substring(20, 60)), verifying.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        UserFailure failure = assertThrows(UserFailure.class, () -> SigningKey.read(folder.resolve("none.pem"), Optional.empty()));

        assertTrue(failure.getMessage().contains("none.pem does not exist"), failure.getMessage());
    }

    @Test
    void neverShowsItself() throws Exception {
        Path key = TestKeys.write(folder, "key.pem", TestKeys.pem("PRIVATE KEY", TestKeys.ec("secp256r1").getPrivate().getEncoded()));

        assertEquals("SigningKey[****]", SigningKey.read(key, Optional.empty()).toString());
        assertEquals("Passphrase[****]", new Passphrase(PASSPHRASE).toString());
        assertFalse(new EvidenceSettings(Optional.of(key), Optional.of(new Passphrase(PASSPHRASE)), Optional.empty()).toString()
                .contains(PASSPHRASE));
    }
}
