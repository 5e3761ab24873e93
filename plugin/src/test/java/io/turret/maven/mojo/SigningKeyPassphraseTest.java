package io.turret.maven.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.auth.ServerCredential;
import io.turret.evidence.EvidenceSettings;
import io.turret.evidence.TestKeys;
import io.turret.failure.UserFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the signing key's passphrase comes from: the settings.xml server <signingKeyServerId> names, else TURRET_SIGNING_PASSPHRASE. */
class SigningKeyPassphraseTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("TURRET_SIGNING_PASSPHRASE", "from the environment");

    @TempDir
    Path folder;

    private final VerifyMojo mojo = new VerifyMojo();

    @BeforeEach
    void encryptedKey() throws Exception {
        mojo.signingKey = TestKeys.write(folder, "key.pem", TestKeys.pem("ENCRYPTED PRIVATE KEY",
                TestKeys.encrypted(TestKeys.ec("secp256r1"), "from the server"))).toFile();
    }

    @Test
    void theNamedServersDecryptedPasswordWinsOverTheEnvironment() {
        mojo.signingKeyServerId = "signing";

        EvidenceSettings evidence = ConfigurationMapper.evidence(mojo,
                List.of(new ServerCredential("signing", null, "from the server")), ENVIRONMENT);

        assertTrue(evidence.signing().isPresent());
    }

    @Test
    void withoutAServerIdTheEnvironmentGivesIt() {
        EvidenceSettings evidence = ConfigurationMapper.evidence(mojo, List.of(), ENVIRONMENT);

        UserFailure failure = assertThrows(UserFailure.class, evidence::signing);
        assertTrue(failure.getMessage().contains("cannot be decrypted with the passphrase given"), failure.getMessage());
        assertEquals(Optional.empty(), ConfigurationMapper.evidence(mojo, List.of(), Map.of()).passphrase());
    }

    @Test
    void aServerIdNamingNoServerIsRefused() {
        mojo.signingKeyServerId = "missing";

        UserFailure failure = assertThrows(UserFailure.class, () -> ConfigurationMapper.evidence(mojo, List.of(), ENVIRONMENT));

        assertTrue(failure.getMessage().startsWith("<signingKeyServerId>missing</signingKeyServerId> (turret.signingKeyServerId)"
                + " names no <server> in settings.xml"), failure.getMessage());
    }
}
