package io.turret.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.registry.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageIndexTest {
    private static final Digest AMD64 = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest ARM64 = Digest.parse("sha256:" + "b".repeat(64));
    private static final List<ImageIndex.Child> CHILDREN = List.of(
            new ImageIndex.Child(Platform.of("linux", "amd64"), AMD64, 528, Manifest.DOCKER_V2),
            new ImageIndex.Child(Platform.parse("linux/arm/v7"), ARM64, 529, Manifest.DOCKER_V2));

    @Test
    void anIndexIsCompactJsonOfItsChildrenInTheirOrderWithTheirPlatforms() {
        Manifest index = ImageIndex.of(CHILDREN);

        assertEquals(Manifest.OCI_INDEX, index.mediaType());
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + AMD64 + "\","
                + "\"size\":528,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + ARM64 + "\","
                + "\"size\":529,\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}}]}",
                new String(index.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theSameChildrenGiveTheSameDigestAndAnotherOrderAnother() {
        assertEquals(ImageIndex.of(CHILDREN).digest(), ImageIndex.of(List.copyOf(CHILDREN)).digest());
        assertTrue(!ImageIndex.of(CHILDREN).digest().equals(ImageIndex.of(List.of(CHILDREN.get(1), CHILDREN.get(0))).digest()));
    }

    @Test
    void readsTheChildrenItWrote() {
        assertEquals(Optional.of(CHILDREN), ImageIndex.children(ImageIndex.of(CHILDREN), "test"));
        assertEquals(Optional.empty(), ImageIndex.children(new Manifest("{}".getBytes(StandardCharsets.UTF_8),
                Manifest.DOCKER_V2), "test"));
    }
}
