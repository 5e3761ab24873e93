package io.turret.evidence.sbom;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.image.ImageTarball;
import io.turret.oci.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What an image holds, read from its own layers (the tarball turret:assemble wrote), bottom first,
 * as the container will see its file system (a later layer's file and whiteouts win): the Debian
 * packages dpkg installed, the Go binaries with their build information, the Python distributions,
 * and the project's own files (the layers Turret added, not the base's) with their SHA-256.
 */
public record ImageInventory(List<DebianPackage> debianPackages, List<GoBinary> goBinaries,
        List<PythonDistribution> pythonDistributions, List<ProjectFile> projectFiles) {
    private static final String DPKG_STATUS = "/var/lib/dpkg/status";
    private static final String DPKG_STATUS_D = "/var/lib/dpkg/status.d/";
    private static final long READ_LIMIT = 512L << 20;
    private static final long TEXT_LIMIT = 64L << 20;

    public ImageInventory {
        debianPackages = List.copyOf(debianPackages);
        goBinaries = List.copyOf(goBinaries);
        pythonDistributions = List.copyOf(pythonDistributions);
        projectFiles = List.copyOf(projectFiles);
    }

    /** A Go binary at {@code location} in the image. */
    public record GoBinary(String location, Digest sha256, GoBuildInfo info) {
    }

    /** A file of a layer Turret added, with the digest of that (compressed) layer. */
    public record ProjectFile(String path, Digest sha256, Digest layer) {
    }

    /** The file system as the layers read so far leave it: each map by path. */
    private static final class FileSystem {
        final Map<String, byte[]> dpkgStatus = new TreeMap<>();
        final Map<String, GoBinary> go = new TreeMap<>();
        final Map<String, PythonDistribution> python = new TreeMap<>();
        final Map<String, ProjectFile> files = new TreeMap<>();

        void remove(Predicate<String> gone) {
            dpkgStatus.keySet().removeIf(gone);
            go.keySet().removeIf(gone);
            python.keySet().removeIf(gone);
            files.keySet().removeIf(gone);
        }
    }

    public static ImageInventory of(ImageTarball image) throws IOException {
        List<Boolean> projectLayers = projectLayers(image);
        FileSystem fs = new FileSystem();
        List<ImageTarball.Blob> layers = image.layers();
        for (int i = 0; i < layers.size(); i++) {
            ImageTarball.Blob layer = layers.get(i);
            try (InputStream compressed = layer.content().open(0, layer.size());
                    TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(compressed)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    read(fs, tar, entry, projectLayers.get(i) ? Optional.of(layer.digest()) : Optional.empty());
                }
            }
        }
        List<DebianPackage> debian = new ArrayList<>();
        fs.dpkgStatus.values().forEach(status -> debian.addAll(DebianPackage.parseStatus(status)));
        return new ImageInventory(debian, List.copyOf(fs.go.values()), List.copyOf(fs.python.values()),
                List.copyOf(fs.files.values()));
    }

    private static void read(FileSystem fs, TarArchiveInputStream tar, TarArchiveEntry entry, Optional<Digest> projectLayer)
            throws IOException {
        String path = "/" + entry.getName().replaceFirst("^(\\./|/)+", "").replaceFirst("/$", "");
        int slash = path.lastIndexOf('/');
        String directory = path.substring(0, slash + 1);
        String base = path.substring(slash + 1);
        if (base.equals(".wh..wh..opq")) {
            fs.remove(p -> p.startsWith(directory));
            return;
        }
        if (base.startsWith(".wh.")) {
            String gone = directory + base.substring(4);
            fs.remove(p -> p.equals(gone) || p.startsWith(gone + "/"));
            return;
        }
        if (!entry.isFile()) {
            if (entry.isSymbolicLink() || entry.isLink()) {
                fs.remove(path::equals);
            }
            return;
        }
        fs.remove(path::equals);
        boolean status = path.equals(DPKG_STATUS) || (path.startsWith(DPKG_STATUS_D) && path.indexOf('/', DPKG_STATUS_D.length()) < 0);
        boolean metadata = path.endsWith(".dist-info/METADATA");
        if ((status || metadata) && entry.getSize() <= TEXT_LIMIT) {
            byte[] text = tar.readAllBytes();
            if (status) {
                fs.dpkgStatus.put(path, text);
            } else {
                PythonDistribution.parse(text, path).ifPresent(found -> fs.python.put(path, found));
            }
            projectLayer.ifPresent(layer -> fs.files.put(path, new ProjectFile(path, Digest.of(text), layer)));
            return;
        }
        byte[] head = tar.readNBytes(4);
        if (GoBuildInfo.looksLikeBinary(head) && entry.getSize() <= READ_LIMIT) {
            byte[] binary = new byte[(int) entry.getSize()];
            System.arraycopy(head, 0, binary, 0, head.length);
            int read = head.length + tar.readNBytes(binary, head.length, binary.length - head.length);
            if (read == binary.length) {
                Digest sha256 = Digest.of(binary);
                GoBuildInfo.read(binary).ifPresent(info -> fs.go.put(path, new GoBinary(path, sha256, info)));
                projectLayer.ifPresent(layer -> fs.files.put(path, new ProjectFile(path, sha256, layer)));
            }
            return;
        }
        if (projectLayer.isPresent()) {
            MessageDigest sha256 = sha256();
            sha256.update(head);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = tar.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
            fs.files.put(path, new ProjectFile(path, new Digest(HexFormat.of().formatHex(sha256.digest())), projectLayer.get()));
        }
    }

    /**
     * Which layers Turret (jib) added: jib writes a history entry authored {@code Jib} for each layer
     * it adds, after the base image's own. Without one history entry per layer, every layer counts as
     * the project's.
     */
    private static List<Boolean> projectLayers(ImageTarball image) throws IOException {
        JsonNode config;
        try (InputStream in = image.config().content().open(0, image.config().size())) {
            config = JSON.readTree(in);
        }
        List<Boolean> added = new ArrayList<>();
        for (JsonNode entry : config.path("history")) {
            if (!entry.path("empty_layer").asBoolean(false)) {
                added.add("Jib".equals(entry.path("author").asText()));
            }
        }
        if (added.size() == image.layers().size()) {
            return added;
        }
        return image.layers().stream().map(layer -> true).toList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
