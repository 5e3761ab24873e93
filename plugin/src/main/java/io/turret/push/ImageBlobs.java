package io.turret.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import io.turret.failure.EnvironmentFailure;
import io.turret.registry.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The blobs of an assembled image, unpacked from its tarball: its config and compressed layers,
 * and the registry manifest that names them, made as jib makes it (so its digest is the one
 * images.json recorded).
 *
 * @param configDigest the image id: the digest of the config's bytes as they are in the tarball
 */
record ImageBlobs(Path config, String configDigest, List<Blob> layers, Manifest manifest, String manifestDigest) {

    /** One compressed layer (or the config), as a file. */
    record Blob(Path file, String digest, long size) {
    }

    static ImageBlobs unpack(Path tarball, Path folder) {
        try {
            Files.createDirectories(folder);
            Map<String, Path> files = new HashMap<>();
            try (InputStream in = Files.newInputStream(tarball); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (entry.isFile() && !entry.getName().contains("/")) {
                        Path file = folder.resolve(entry.getName());
                        Files.copy(tar, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        files.put(entry.getName(), file);
                    }
                }
            }
            JsonNode image = new ObjectMapper().readTree(required(files, "manifest.json", tarball).toFile()).get(0);
            Path config = required(files, image.path("Config").asText(), tarball);
            List<Blob> layers = new ArrayList<>();
            V22ManifestTemplate manifest = new V22ManifestTemplate();
            String configDigest = sha256(config);
            manifest.setContainerConfiguration(Files.size(config), DescriptorDigest.fromDigest(configDigest));
            for (JsonNode name : image.path("Layers")) {
                Path layer = required(files, name.asText(), tarball);
                Blob blob = new Blob(layer, sha256(layer), Files.size(layer));
                manifest.addLayer(blob.size(), DescriptorDigest.fromDigest(blob.digest()));
                layers.add(blob);
            }
            byte[] bytes = JsonTemplateMapper.toByteArray(manifest);
            return new ImageBlobs(config, configDigest, layers, new Manifest(bytes, manifest.getManifestMediaType()),
                    "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (IOException | DigestException | NoSuchAlgorithmException e) {
            throw new EnvironmentFailure("cannot read the image " + tarball + " (" + e.getMessage() + "); run turret:assemble again.", e);
        }
    }

    private static Path required(Map<String, Path> files, String name, Path tarball) throws IOException {
        Path file = files.get(name);
        if (file == null) {
            throw new IOException("it has no " + name);
        }
        return file;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, read);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
