package io.turret.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTarballTest {
    private static final byte[] LOWER = "lower layer".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPPER = "upper layer, a little longer".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    private static String file(byte[] layer) {
        return Digest.of(layer).hex() + ".tar.gz";
    }

    private static String config(String... diffIds) {
        return "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", List.of(diffIds).stream()
                .map(id -> "\"" + id + "\"").toList()) + "]}}";
    }

    private static String manifest(String config, String... layers) {
        return "[{\"Config\":\"" + config + "\",\"RepoTags\":[\"r/api:x\"],\"Layers\":[" + String.join(",",
                List.of(layers).stream().map(layer -> "\"" + layer + "\"").toList()) + "]}]";
    }

    private Path tar(Map<String, byte[]> entries) throws IOException {
        Path tarball = folder.resolve("api.tar");
        try (OutputStream out = Files.newOutputStream(tarball); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return tarball;
    }

    /** As jib writes it: the config, the layers bottom first, then manifest.json. */
    private Path image(String config, String manifest) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("config.json", config.getBytes(StandardCharsets.UTF_8));
        entries.put(file(LOWER), LOWER);
        entries.put(file(UPPER), UPPER);
        entries.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        return tar(entries);
    }

    private Path image() throws IOException {
        return image(config(Digest.of(new byte[] {1}).toString(), Digest.of(new byte[] {2}).toString()),
                manifest("config.json", file(LOWER), file(UPPER)));
    }

    @Test
    void readsTheConfigAndTheLayersWithTheirDigestsAndSizes() throws Exception {
        Path tarball = image();
        ImageTarball image = ImageTarball.read(tarball);

        byte[] config = config(Digest.of(new byte[] {1}).toString(), Digest.of(new byte[] {2}).toString())
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Digest.of(config), image.config().digest(), "the image id is the config's digest");
        assertEquals(config.length, image.config().size());
        assertEquals(List.of(Digest.of(LOWER), Digest.of(UPPER)), image.layers().stream().map(ImageTarball.Blob::digest).toList());
        assertEquals(List.of((long) LOWER.length, (long) UPPER.length), image.layers().stream().map(ImageTarball.Blob::size)
                .toList());
        assertEquals(config.length + LOWER.length + UPPER.length, image.compressedSize());
        assertEquals(List.of(Digest.of(new byte[] {1}), Digest.of(new byte[] {2})), image.diffIds());
        try (InputStream in = image.layers().get(1).content().open(0, UPPER.length)) {
            assertArrayEquals(UPPER, in.readAllBytes(), "a layer is read in place");
        }
        assertEquals(Digest.of(UPPER), ImageTarball.hash(image.layers().get(1)));
    }

    @Test
    void withoutOneDiffIdPerLayerNoneIsGiven() throws Exception {
        ImageTarball image = ImageTarball.read(image(config(Digest.of(new byte[] {1}).toString()),
                manifest("config.json", file(LOWER), file(UPPER))));
        assertEquals(List.of(), image.diffIds());
    }

    @Test
    void aCopyLeavesOutTheLayersAskedAndKeepsTheRestAsTheyWere() throws Exception {
        ImageTarball image = ImageTarball.read(image());
        Path copy = folder.resolve("thin.tar");

        image.copyWithout(image.layers().subList(0, 1), copy);

        List<String> names = new ArrayList<>();
        try (TarFile tar = new TarFile(copy)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                names.add(entry.getName());
                if (entry.getName().equals(file(UPPER))) {
                    try (InputStream in = tar.getInputStream(entry)) {
                        assertArrayEquals(UPPER, in.readAllBytes());
                    }
                }
            }
        }
        assertEquals(List.of("config.json", file(UPPER), "manifest.json"), names);
    }

    @Test
    void whatIsNotSuchATarballIsRefusedNamingTheFileAndWhy() throws Exception {
        String diffIds = config(Digest.of(new byte[] {1}).toString(), Digest.of(new byte[] {2}).toString());
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[]", "does not name one image");
        cases.put(manifest("config.json", file(LOWER), "missing.tar.gz"), "it has no file 'missing.tar.gz'");
        cases.put(manifest("absent.json", file(LOWER)), "it has no file 'absent.json'");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path tarball = image(diffIds, bad.getKey());
            IOException refused = assertThrows(IOException.class, () -> ImageTarball.read(tarball), bad.getKey());
            assertTrue(refused.getMessage().startsWith(tarball + " is not an image tarball as turret:assemble writes it: "),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains(bad.getValue()), refused.getMessage());
        }

        Path badDiffId = image(config("sha256:../x", Digest.of(new byte[] {2}).toString()),
                manifest("config.json", file(LOWER), file(UPPER)));
        assertTrue(assertThrows(IOException.class, () -> ImageTarball.read(badDiffId)).getMessage()
                .contains("its config names the layer 'sha256:../x', which is not a digest"));

        Path misnamed = tar(Map.of("config.json", diffIds.getBytes(StandardCharsets.UTF_8), "layer.tar.gz", LOWER,
                "manifest.json", manifest("config.json", "layer.tar.gz").getBytes(StandardCharsets.UTF_8)));
        assertTrue(assertThrows(IOException.class, () -> ImageTarball.read(misnamed)).getMessage()
                .contains("its layer file 'layer.tar.gz' is not named by its digest"));

        Path noManifest = tar(Map.of("config.json", diffIds.getBytes(StandardCharsets.UTF_8)));
        assertTrue(assertThrows(IOException.class, () -> ImageTarball.read(noManifest)).getMessage()
                .contains("it has no file 'manifest.json'"));
    }
}
