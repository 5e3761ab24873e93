package io.turret.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.report.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Loads an image tarball into the engine without the layers the engine holds already. The engine
 * (moby's {@code docker load}) opens a layer's file only when it lacks the layer with the same
 * chain (the layer and every one below it), so the leading layers an image shares with one the
 * engine has (its base, the service's previous image) are left out of what is sent: a new
 * application layer on a 100 MiB base sends kilobytes. An engine that wants them anyway fails
 * the load, and then gets the whole tarball.
 */
final class EngineLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerAccess docker;
    private final Log log;

    EngineLoad(DockerAccess docker, Log log) {
        this.docker = docker;
        this.log = log;
    }

    /**
     * Loads {@code tarball}, whose image is {@code imageId}, leaving out its leading layers that
     * one of {@code held} (images the engine has: their diff ids, bottom first) starts with.
     */
    void load(Path tarball, Digest imageId, List<EngineImage> held) throws IOException {
        Contents contents = Contents.read(tarball);
        int shared = 0;
        for (EngineImage image : held) {
            shared = Math.max(shared, commonPrefix(contents.diffIds(), image.diffIds()));
        }
        if (shared > 0) {
            Path thin = tarball.resolveSibling(tarball.getFileName() + ".thin");
            try {
                writeWithout(tarball, new HashSet<>(contents.layerFiles().subList(0, shared)), thin);
                try (InputStream in = Files.newInputStream(thin)) {
                    docker.loadImage(in);
                }
                if (docker.inspectImage(imageId.toString()).isPresent()) {
                    log.debug("loaded " + tarball.getFileName() + " without its first " + shared + " layer(s), which the engine has");
                    return;
                }
                log.debug("the engine did not make " + imageId + " from the tarball without its first " + shared + " layers");
            } catch (EnvironmentFailure e) {
                log.debug("the engine refused the tarball without its first " + shared + " layers (" + e.getMessage()
                        + "); loading all of it");
            } finally {
                Files.deleteIfExists(thin);
            }
        }
        try (InputStream in = Files.newInputStream(tarball)) {
            docker.loadImage(in);
        }
    }

    static int commonPrefix(List<Digest> image, List<Digest> held) {
        int shared = 0;
        while (shared < image.size() && shared < held.size() && image.get(shared).equals(held.get(shared))) {
            shared++;
        }
        return shared;
    }

    /** Copies the tarball's entries but {@code leftOut}, whose data is never read (the tarball is read at random). */
    private static void writeWithout(Path tarball, Set<String> leftOut, Path thin) throws IOException {
        try (TarFile tar = new TarFile(tarball); OutputStream out = Files.newOutputStream(thin);
                TarArchiveOutputStream copy = new TarArchiveOutputStream(out)) {
            copy.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (TarArchiveEntry entry : tar.getEntries()) {
                if (leftOut.contains(entry.getName())) {
                    continue;
                }
                copy.putArchiveEntry(entry);
                try (InputStream in = tar.getInputStream(entry)) {
                    in.transferTo(copy);
                }
                copy.closeArchiveEntry();
            }
        }
    }

    /** The tarball's layer files, bottom first, and its config's diff ids. */
    private record Contents(List<String> layerFiles, List<Digest> diffIds) {
        static Contents read(Path tarball) throws IOException {
            JsonNode manifest = null;
            Map<String, byte[]> smallJson = new HashMap<>();
            try (TarFile tar = new TarFile(tarball)) {
                for (TarArchiveEntry entry : tar.getEntries()) {
                    if (entry.getName().equals("manifest.json")) {
                        manifest = JSON.readTree(bytes(tar, entry));
                    } else if (entry.getName().endsWith(".json") && entry.getSize() < (1 << 20)) {
                        smallJson.put(entry.getName(), bytes(tar, entry));
                    }
                }
            }
            if (manifest == null || manifest.size() != 1) {
                throw new IOException(tarball + " has no manifest.json of one image");
            }
            List<String> layers = new ArrayList<>();
            manifest.get(0).path("Layers").forEach(layer -> layers.add(layer.asText()));
            byte[] config = smallJson.get(manifest.get(0).path("Config").asText());
            List<Digest> diffIds = new ArrayList<>();
            if (config != null) {
                JSON.readTree(config).path("rootfs").path("diff_ids").forEach(id -> diffIds.add(Digest.parse(id.asText(),
                        tarball + ": its config names a layer")));
            }
            // without one diff id per layer file, nothing can be left out
            return new Contents(layers, diffIds.size() == layers.size() ? diffIds : List.of());
        }

        private static byte[] bytes(TarFile tar, TarArchiveEntry entry) throws IOException {
            try (InputStream in = tar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
