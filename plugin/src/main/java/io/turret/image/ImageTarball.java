package io.turret.image;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.oci.Digest;
import io.turret.registry.FileRegion;
import io.turret.reuse.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image tarball as turret:assemble (jib) writes it, in the layout of {@code docker save}:
 * {@code manifest.json} naming one image, its config, and its compressed layers, each in a file
 * named by its digest ({@code HEX.tar.gz}). The one reader of that format: the engine load, the
 * push and the assembly's record all read it here.
 *
 * <p>It is read at random, once: the tar's headers, manifest.json and the config, never a layer's
 * data. A layer is read only when a caller streams it ({@link Blob#content()}, in place in the
 * tarball), hashes it, or copies it.
 */
public final class ImageTarball {
    private static final String MANIFEST = "manifest.json";
    private static final Pattern LAYER_FILE = Pattern.compile("([0-9a-f]{64})\\.tar\\.gz");
    private static final long CONFIG_LIMIT = 32 << 20;

    /** One entry of the tarball that holds a blob: its file, its digest and its bytes where they lie. */
    public record Blob(String file, Digest digest, FileRegion content) {
        public long size() {
            return content.size();
        }
    }

    private final Path path;
    private final List<TarArchiveEntry> entries;
    private final Blob config;
    private final List<Blob> layers;
    private final List<Digest> diffIds;

    private ImageTarball(Path path, List<TarArchiveEntry> entries, Blob config, List<Blob> layers, List<Digest> diffIds) {
        this.path = path;
        this.entries = entries;
        this.config = config;
        this.layers = layers;
        this.diffIds = diffIds;
    }

    /**
     * Reads the tarball's headers, manifest.json and config.
     *
     * @throws IOException naming the file and what is wrong with it, when it cannot be read or is not such a tarball
     */
    public static ImageTarball read(Path path) throws IOException {
        try (TarFile tar = new TarFile(path)) {
            Map<String, TarArchiveEntry> files = new LinkedHashMap<>();
            for (TarArchiveEntry entry : tar.getEntries()) {
                if (entry.isFile() && !entry.isSparse() && !entry.getName().contains("/")) {
                    files.put(entry.getName(), entry);
                }
            }
            JsonNode manifest = JSON.readTree(bytes(tar, required(files, MANIFEST), MANIFEST));
            if (manifest == null || !manifest.isArray() || manifest.size() != 1) {
                throw new Refused("its " + MANIFEST + " does not name one image");
            }
            JsonNode image = manifest.get(0);
            TarArchiveEntry configEntry = required(files, image.path("Config").asText());
            byte[] configBytes = bytes(tar, configEntry, "config");
            Blob config = new Blob(configEntry.getName(), Digest.of(configBytes), region(path, configEntry));
            List<Blob> layers = new ArrayList<>();
            for (JsonNode name : image.path("Layers")) {
                TarArchiveEntry entry = required(files, name.asText());
                Matcher hex = LAYER_FILE.matcher(entry.getName());
                if (!hex.matches()) {
                    throw new Refused("its layer file '" + entry.getName() + "' is not named by its digest (HEX.tar.gz)");
                }
                layers.add(new Blob(entry.getName(), new Digest(hex.group(1)), region(path, entry)));
            }
            return new ImageTarball(path, List.copyOf(tar.getEntries()), config, List.copyOf(layers),
                    diffIds(JSON.readTree(configBytes), layers.size()));
        } catch (Refused e) {
            throw new IOException(path + " is not an image tarball as turret:assemble writes it: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the image tarball " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The config; its digest, that of its bytes, is the image's id. */
    public Blob config() {
        return config;
    }

    /** The compressed layers, bottom first, each with the digest its file is named by. */
    public List<Blob> layers() {
        return layers;
    }

    /** The config's diff ids (the uncompressed layers' digests), bottom first; empty unless there is one per layer. */
    public List<Digest> diffIds() {
        return diffIds;
    }

    /** Bytes of the config and compressed layers: what a registry stores of the image. */
    public long compressedSize() {
        return config.size() + layers.stream().mapToLong(Blob::size).sum();
    }

    /** The SHA-256 of the blob's bytes as they are now in the tarball: reads them once. */
    public static Digest hash(Blob blob) throws IOException {
        try (Fingerprint.Sink sink = Fingerprint.sink(); InputStream in = blob.content().open(0, blob.size())) {
            in.transferTo(sink);
            return sink.digest();
        }
    }

    /** Writes a copy of the tarball without {@code leftOut}, whose data is never read. */
    public void copyWithout(Collection<Blob> leftOut, Path copy) throws IOException {
        Set<String> skipped = new HashSet<>();
        leftOut.forEach(blob -> skipped.add(blob.file()));
        try (OutputStream out = Files.newOutputStream(copy); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (TarArchiveEntry entry : entries) {
                if (skipped.contains(entry.getName())) {
                    continue;
                }
                tar.putArchiveEntry(entry);
                if (entry.isFile()) {
                    try (InputStream in = region(path, entry).open(0, entry.getSize())) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static List<Digest> diffIds(JsonNode config, int layers) throws Refused {
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode id : config.path("rootfs").path("diff_ids")) {
            diffIds.add(Digest.tryParse(id.asText()).orElseThrow(() -> new Refused("its config names the layer '"
                    + id.asText() + "', which is not a digest")));
        }
        // without one diff id per layer file, no layer can be matched with one the engine has
        return diffIds.size() == layers ? List.copyOf(diffIds) : List.of();
    }

    private static FileRegion region(Path path, TarArchiveEntry entry) {
        return new FileRegion(path, entry.getDataOffset(), entry.getSize());
    }

    private static TarArchiveEntry required(Map<String, TarArchiveEntry> files, String name) throws Refused {
        TarArchiveEntry entry = files.get(name);
        if (entry == null) {
            throw new Refused("it has no file '" + name + "'");
        }
        return entry;
    }

    private static byte[] bytes(TarFile tar, TarArchiveEntry entry, String what) throws IOException {
        if (entry.getSize() > CONFIG_LIMIT) {
            throw new Refused("its " + what + " " + entry.getName() + " is larger than " + (CONFIG_LIMIT >> 20) + " MiB");
        }
        try (InputStream in = tar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    /** What makes a readable tar not an image tarball. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }
}
