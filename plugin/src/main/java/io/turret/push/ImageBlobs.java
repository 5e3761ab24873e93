package io.turret.push;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.image.ImageTarball;
import io.turret.image.ImageTarball.Blob;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.List;

/**
 * The blobs of an assembled image, where they lie in its tarball (never copied out): its config
 * and compressed layers, and the registry manifest that names them, made as jib makes it (so its
 * digest is the one images.json recorded).
 *
 * <p>{@code V22ManifestTemplate} and {@code JsonTemplateMapper} are not jib-core's public API; they
 * are what jib itself builds the manifest with, which is what makes the digest match jib's.
 *
 * @param configDigest the image id: the digest of the config's bytes as they are in the tarball
 */
record ImageBlobs(Blob config, Digest configDigest, List<Blob> layers, Manifest manifest, Digest manifestDigest) {

    /**
     * Reads the tarball, each layer once: the manifest names the layers by the digests of their
     * bytes as they are now, so a changed layer gives another manifest digest than images.json's.
     */
    static ImageBlobs read(Path file) {
        try {
            ImageTarball image = ImageTarball.read(file);
            V22ManifestTemplate manifest = new V22ManifestTemplate();
            manifest.setContainerConfiguration(image.config().size(), jib(image.config().digest()));
            for (Blob layer : image.layers()) {
                manifest.addLayer(layer.size(), jib(ImageTarball.hash(layer)));
            }
            Manifest made = new Manifest(JsonTemplateMapper.toByteArray(manifest), manifest.getManifestMediaType());
            return new ImageBlobs(image.config(), image.config().digest(), image.layers(), made, made.digest());
        } catch (IOException | DigestException e) {
            throw new EnvironmentFailure(Causes.describe(e) + "; run turret:assemble again.", e);
        }
    }

    private static DescriptorDigest jib(Digest digest) throws DigestException {
        return DescriptorDigest.fromDigest(digest.toString());
    }
}
