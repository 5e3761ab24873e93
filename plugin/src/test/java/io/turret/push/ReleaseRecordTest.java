package io.turret.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseRecordTest {
    private static final List<PushedImage> PUSHED = List.of(
            new PushedImage("api", ImageRef.parse("r:5000/shop/api:integration"), Digest.parse("sha256:" + "a".repeat(64)), Digest.parse("sha256:" + "b".repeat(64)), 3_887_506),
            new PushedImage("frontend", ImageRef.parse("r:5000/shop/frontend:integration"), Digest.parse("sha256:" + "c".repeat(64)), Digest.parse("sha256:" + "d".repeat(64)),
                    106_655_643));

    @Test
    void recordsSuffixRegistryCommitAndEveryImage(@TempDir Path target) throws Exception {
        ReleaseRecord.write(target.resolve("release.json"), "integration", "r:5000", Optional.of("abc123"), PUSHED);

        var json = new ObjectMapper().readTree(target.resolve("release.json").toFile());
        assertEquals("integration", json.path("suffix").asText());
        assertEquals("r:5000", json.path("registry").asText());
        assertEquals("abc123", json.path("gitCommit").asText());
        assertEquals("sha256:" + "a".repeat(64), json.path("services").path("api").path("digest").asText());
        assertEquals("sha256:" + "d".repeat(64), json.path("services").path("frontend").path("imageId").asText());
        assertEquals(106_655_643, json.path("services").path("frontend").path("size").asLong());
    }

    @Test
    void endsWithATable() {
        assertEquals(List.of(
                "service   reference                         digest                    size",
                "api       r:5000/shop/api:integration       sha256:aaaaaaaaaaaa    3.7 MiB",
                "frontend  r:5000/shop/frontend:integration  sha256:cccccccccccc  101.7 MiB"), ReleaseRecord.table(PUSHED));
    }
}
