package io.turret.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * What a jib image tarball holds: its config and compressed layers, which jib names by their
 * digests ({@code HASH.tar.gz}), with their sizes.
 */
record TarballManifest(long configSize, List<Digest> layerDigests, long layersSize) {

    static TarballManifest read(Path tarball) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        JsonNode manifest = null;
        // read at random: the layers' data is passed over, not read
        try (TarFile tar = new TarFile(tarball)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                sizes.put(entry.getName(), entry.getSize());
                if (entry.getName().equals("manifest.json")) {
                    try (InputStream in = tar.getInputStream(entry)) {
                        manifest = new ObjectMapper().readTree(in);
                    }
                }
            }
        }
        if (manifest == null || !manifest.isArray() || manifest.size() != 1) {
            throw new IOException(tarball + " has no manifest.json of one image");
        }
        JsonNode image = manifest.get(0);
        List<Digest> layers = new ArrayList<>();
        long layersSize = 0;
        for (JsonNode layer : image.path("Layers")) {
            String file = layer.asText();
            layers.add(Digest.parse("sha256:" + file.substring(0, Math.max(file.indexOf('.'), 0)), tarball + " names a layer"));
            layersSize += sizes.getOrDefault(file, 0L);
        }
        return new TarballManifest(sizes.getOrDefault(image.path("Config").asText(), 0L), layers, layersSize);
    }
}
