package io.turret.image;

import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A service's assembled image for one platform, as images.json records it.
 *
 * @param platform the platform its config names, and whose builder outputs its layers hold
 * @param reference the reference it is released under: the same for every platform of the service
 * @param digest the manifest digest the registry will know it by
 * @param imageId the config digest: the id the engine and the integration tests see
 * @param compressedSize bytes of its compressed layers and config, what a push would store
 * @param layers the compressed layers' digests, base first
 */
public record AssembledImage(String service, Platform platform, ImageRef reference, Digest digest, Digest imageId,
        long compressedSize, List<Digest> layers, Path tarball) {
    public AssembledImage {
        Objects.requireNonNull(platform, "platform");
        layers = List.copyOf(layers);
    }
}
