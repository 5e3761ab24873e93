package io.turret.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.registry.FileRegion;
import io.turret.registry.Manifest;
import io.turret.reuse.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

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

    /** One blob: an entry of the tarball, read in place when uploaded. */
    record Blob(FileRegion content, Digest digest) {
        long size() {
            return content.size();
        }
    }

    static ImageBlobs read(Path file) {
        try (TarFile tarball = new TarFile(file)) {
            Map<String, TarArchiveEntry> entries = new HashMap<>();
            for (TarArchiveEntry entry : tarball.getEntries()) {
                if (entry.isFile() && !entry.getName().contains("/")) {
                    entries.put(entry.getName(), entry);
                }
            }
            JsonNode image;
            try (InputStream in = tarball.getInputStream(required(entries, "manifest.json"))) {
                image = new ObjectMapper().readTree(in).get(0);
            }
            Blob config = blob(file, tarball, required(entries, image.path("Config").asText()));
            V22ManifestTemplate manifest = new V22ManifestTemplate();
            manifest.setContainerConfiguration(config.size(), DescriptorDigest.fromDigest(config.digest().toString()));
            List<Blob> layers = new ArrayList<>();
            for (JsonNode name : image.path("Layers")) {
                Blob layer = blob(file, tarball, required(entries, name.asText()));
                manifest.addLayer(layer.size(), DescriptorDigest.fromDigest(layer.digest().toString()));
                layers.add(layer);
            }
            Manifest made = new Manifest(JsonTemplateMapper.toByteArray(manifest), manifest.getManifestMediaType());
            return new ImageBlobs(config, config.digest(), layers, made, made.digest());
        } catch (IOException | DigestException e) {
            throw new EnvironmentFailure("cannot read the image " + file + " (" + e.getMessage() + "); run turret:assemble again.", e);
        }
    }

    private static Blob blob(Path file, TarFile tarball, TarArchiveEntry entry) throws IOException {
        try (Fingerprint.Sink sha = Fingerprint.sink(); InputStream in = tarball.getInputStream(entry)) {
            in.transferTo(sha);
            return new Blob(new FileRegion(file, entry.getDataOffset(), entry.getSize()), sha.digest());
        }
    }

    private static TarArchiveEntry required(Map<String, TarArchiveEntry> entries, String name) throws IOException {
        TarArchiveEntry entry = entries.get(name);
        if (entry == null) {
            throw new IOException("it has no " + name);
        }
        return entry;
    }
}
