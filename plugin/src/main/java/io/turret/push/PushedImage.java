package io.turret.push;

import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
import java.util.List;
import java.util.Optional;

/**
 * A service's image as the registry has it after the push, as release.json records it.
 *
 * @param digest what the suffix tag points at: the image's manifest, or the index of its platforms' manifests
 * @param imageId the image's id; of an index, its first platform's
 * @param platforms of an index, each platform's image in the index's order; empty for a single image
 */
public record PushedImage(String service, ImageRef reference, Digest digest, Digest imageId, long size,
        List<PlatformImage> platforms) {
    public PushedImage {
        platforms = List.copyOf(platforms);
    }

    /** A single image, of one platform. */
    public PushedImage(String service, ImageRef reference, Digest digest, Digest imageId, long size) {
        this(service, reference, digest, imageId, size, List.of());
    }

    /**
     * One platform's image in an index.
     *
     * @param tested whether this release's integration tests ran it; empty when not known (a promotion reads the registry)
     */
    public record PlatformImage(Platform platform, Digest digest, Digest imageId, Optional<Boolean> tested) {
    }
}
