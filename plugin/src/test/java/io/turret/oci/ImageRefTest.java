package io.turret.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.EnvironmentFailure;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageRefTest {
    private static final Digest DIGEST = Digest.parse("sha256:" + "a".repeat(64));

    @Test
    void readsRegistryRepositoryTagAndDigest() {
        ImageRef ref = ImageRef.parse("r.example:5000/team/api:dev");
        assertEquals(new ImageRef("r.example:5000", "team/api", Optional.of("dev"), Optional.empty()), ref);
        assertEquals("dev", ref.qualifier());
        assertEquals("r.example:5000/team/api", ref.name());
        assertEquals("r.example:5000/team/api:dev", ref.toString());

        ImageRef pinned = ImageRef.parse("r.example:5000/team/api@" + DIGEST);
        assertEquals(Optional.of(DIGEST), pinned.digest());
        assertEquals(Optional.empty(), pinned.tag());
        assertEquals(DIGEST.toString(), pinned.qualifier());
        assertEquals("r.example:5000/team/api@" + DIGEST, pinned.toString());
    }

    @Test
    void readsADockerHubNameAsDockerDoes() {
        ImageRef debian = ImageRef.parse("debian");
        assertEquals("registry-1.docker.io", debian.registry());
        assertEquals("library/debian", debian.repository());
        assertEquals(Optional.of("latest"), debian.tag());
        assertTrue(debian.usesDefaultTag());
        assertEquals("debian", debian.toString());
        assertEquals("debian:latest", debian.withTag());
        assertEquals(debian, ImageRef.parse("docker.io/library/debian:latest"));
        assertFalse(ImageRef.parse("debian:bookworm").usesDefaultTag());
        assertEquals("debian", ImageRef.parse("debian:bookworm").name());
    }

    @Test
    void refusesWhatIsNotAReference() {
        for (String bad : new String[] {"", "Upper/Case:x", "r:5000/api:bad tag", "r:5000/api@sha256:short", "a//b"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ImageRef.parse(bad), bad);
            assertTrue(refused.getMessage().contains("is not an image reference"), refused.getMessage());
            assertTrue(ImageRef.tryParse(bad).isEmpty(), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ImageRef.of("r:5000", "team/api", "no/slash"));
        EnvironmentFailure fromFile = assertThrows(EnvironmentFailure.class, () -> ImageRef.parse("x y", "images.json, service api"));
        assertTrue(fromFile.getMessage().startsWith("images.json, service api: 'x y' is not an image reference"),
                fromFile.getMessage());
    }

    @Test
    void givesJibTheSameImage() {
        assertEquals("r.example:5000/team/api:dev", ImageRef.of("r.example:5000", "team/api", "dev").toJib().toString());
        assertEquals("team/api", ImageRef.of("r.example:5000", "team/api", "dev").toJib().getRepository());
    }
}
