package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
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

    @TempDir
    Path folder;

    @Test
    void readsWhatItWrote() {
        Path file = folder.resolve("images.json");
        AssembledImage image = new AssembledImage("api", ImageRef.parse("r:5000/shop/api:dev"), DIGEST, IMAGE_ID, 42, List.of(LAYER),
                folder.resolve("images/api.tar"));

        ImagesJson.write(file, new Suffix("dev"), List.of(image));

        assertEquals(List.of(image), ImagesJson.read(file));
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
