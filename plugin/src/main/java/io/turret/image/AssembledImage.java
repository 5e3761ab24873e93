package io.turret.image;

import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's assembled image, as images.json records it.
 *
 * @param digest the manifest digest the registry will know it by
 * @param imageId the config digest: the id the engine and the integration tests see
 * @param compressedSize bytes of its compressed layers and config, what a push would store
 * @param layers the compressed layers' digests, base first
 */
public record AssembledImage(String service, ImageRef reference, Digest digest, Digest imageId, long compressedSize,
        List<Digest> layers, Path tarball) {
    public AssembledImage {
        layers = List.copyOf(layers);
    }
}
