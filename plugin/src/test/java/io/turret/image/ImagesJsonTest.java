package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesJsonTest {
    private static final Digest DIGEST = Digest.of(new byte[] {1});
    private static final Digest IMAGE_ID = Digest.of(new byte[] {2});
    private static final Digest LAYER = Digest.of(new byte[] {3});
    private static final Platform AMD64 = Platform.of("linux", "amd64");
    private static final Platform ARM64 = Platform.of("linux", "arm64");

    @TempDir
    Path folder;

    @Test
    void readsWhatItWrote() {
        Path file = folder.resolve("images.json");
        AssembledImage image = new AssembledImage("api", AMD64, ImageRef.parse("r:5000/shop/api:dev"), DIGEST, IMAGE_ID, 42,
                List.of(LAYER), folder.resolve("images/api.tar"));

        ImagesJson.write(file, new Suffix("dev"), List.of(image));

        assertEquals(List.of(image), ImagesJson.read(file));
        assertEquals(Map.of("api", IMAGE_ID), ImagesJson.imageIds(file));
    }

    @Test
    void recordsEveryPlatformsImageAndReadsThemAllBack() {
        Path file = folder.resolve("images.json");
        AssembledImage amd64 = new AssembledImage("api", AMD64, ImageRef.parse("r:5000/shop/api:dev"), DIGEST, IMAGE_ID, 42,
                List.of(LAYER), folder.resolve("images/api.linux-amd64.tar"));
        AssembledImage arm64 = new AssembledImage("api", ARM64, ImageRef.parse("r:5000/shop/api:dev"), LAYER, DIGEST, 43,
                List.of(LAYER), folder.resolve("images/api.linux-arm64.tar"));

        ImagesJson.write(file, new Suffix("dev"), List.of(amd64, arm64));

        assertEquals(List.of(amd64, arm64), ImagesJson.read(file));
        assertEquals(Map.of("api", DIGEST), ImagesJson.imageIds(file, ARM64));
        assertEquals(Map.of("api", IMAGE_ID), ImagesJson.imageIds(file));
    }

    @Test
    void aMalformedDigestIsRefusedNamingTheFileAndTheService() throws Exception {
        Path file = Files.writeString(folder.resolve("images.json"), "{\"services\":{\"api\":{\"reference\":\"r/api:dev\","
                + "\"digest\":\"" + DIGEST + "\",\"imageId\":\"sha256:../../x\",\"layers\":[],\"tarball\":\"api.tar\"}}}");

        EnvironmentFailure refused = assertThrows(EnvironmentFailure.class, () -> ImagesJson.read(file));
        assertTrue(refused.getMessage().startsWith(file + ", service api, imageId: 'sha256:../../x' is not a digest"),
                refused.getMessage());
        assertThrows(EnvironmentFailure.class, () -> ImagesJson.imageIds(file));
    }
}
