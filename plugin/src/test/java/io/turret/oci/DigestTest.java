package io.turret.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.EnvironmentFailure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {
    private static final String HEX = "a".repeat(64);

    @Test
    void readsAndWritesTheRegistryForm() {
        assertEquals("sha256:" + HEX, Digest.parse("sha256:" + HEX).toString());
        assertEquals(HEX, Digest.parse("sha256:" + HEX).hex());
    }

    @Test
    void refusesAPathAnUpperCaseDigestAnotherAlgorithmAndATruncatedOne() {
        for (String bad : new String[] {"../../../ns/api/manifests/integration", "sha256:" + HEX.toUpperCase(),
                "sha512:" + HEX, "sha256:" + HEX.substring(1), "sha256:" + HEX + "/..", "", "sha256:" + HEX + "\n"}) {
            assertThrows(IllegalArgumentException.class, () -> Digest.parse(bad), bad);
            assertTrue(Digest.tryParse(bad).isEmpty(), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Digest.parse(null));
    }

    @Test
    void hashesBytes() {
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                Digest.of("hello".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void aDigestFromElsewhereIsRefusedNamingWhereItCameFrom() {
        assertEquals(Digest.parse("sha256:" + HEX), Digest.parse("sha256:" + HEX, "the registry r:5000"));
        EnvironmentFailure refused = assertThrows(EnvironmentFailure.class, () -> Digest.parse("sha256:../x",
                "The registry r:5000 answered HEAD /v2/api/manifests/dev with the Docker-Content-Digest"));
        assertEquals("The registry r:5000 answered HEAD /v2/api/manifests/dev with the Docker-Content-Digest: 'sha256:../x'"
                + " is not a digest (sha256: and 64 lower-case hex digits).", refused.getMessage());
    }
}
