package io.turret.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
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

    @Test
    void anIndexIsRecordedWithEachPlatformsManifestImageIdAndWhetherItWasTested(@TempDir Path target) throws Exception {
        Digest index = Digest.parse("sha256:" + "e".repeat(64));
        PushedImage api = new PushedImage("api", ImageRef.parse("r:5000/shop/api:integration"), index,
                Digest.parse("sha256:" + "b".repeat(64)), 2048, List.of(
                        new PushedImage.PlatformImage(Platform.of("linux", "amd64"), Digest.parse("sha256:" + "a".repeat(64)),
                                Digest.parse("sha256:" + "b".repeat(64)), Optional.of(true)),
                        new PushedImage.PlatformImage(Platform.of("linux", "arm64"), Digest.parse("sha256:" + "c".repeat(64)),
                                Digest.parse("sha256:" + "d".repeat(64)), Optional.of(false))));

        ReleaseRecord.write(target.resolve("release.json"), "integration", "r:5000", Optional.empty(), List.of(api));

        var service = new ObjectMapper().readTree(target.resolve("release.json").toFile()).path("services").path("api");
        assertEquals(index.toString(), service.path("digest").asText());
        assertEquals("application/vnd.oci.image.index.v1+json", service.path("mediaType").asText());
        assertEquals("sha256:" + "c".repeat(64), service.path("platforms").path("linux/arm64").path("digest").asText());
        assertEquals("sha256:" + "d".repeat(64), service.path("platforms").path("linux/arm64").path("imageId").asText());
        assertEquals(false, service.path("platforms").path("linux/arm64").path("tested").asBoolean(true));
        assertEquals(true, service.path("platforms").path("linux/amd64").path("tested").asBoolean(false));
        assertEquals(List.of(
                "service  reference                    digest                    size",
                "api      r:5000/shop/api:integration  sha256:eeeeeeeeeeee    0.0 MiB",
                "           linux/amd64 tested         sha256:aaaaaaaaaaaa",
                "           linux/arm64 UNTESTED       sha256:cccccccccccc"), ReleaseRecord.table(List.of(api)));
    }
}
