package io.turret.evidence.sbom;

import static io.turret.files.JsonFiles.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.image.ImageTarball;
import io.turret.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInventoryTest {
    private static final Digest MANIFEST = Digest.of("manifest".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path folder;

    /** A layer and whether jib added it (its history entry authored Jib). */
    record Layer(Map<String, byte[]> files, boolean project) {
    }

    private Path tarball(List<Layer> layers) throws IOException {
        Path tar = folder.resolve("image.tar");
        List<String> names = new ArrayList<>();
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        ObjectNode config = JSON.createObjectNode();
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        history.addObject().put("created_by", "base config").put("empty_layer", true);
        for (Layer layer : layers) {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(plain)) {
                for (Map.Entry<String, byte[]> file : layer.files().entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                    entry.setSize(file.getValue().length);
                    out.putArchiveEntry(entry);
                    out.write(file.getValue());
                    out.closeArchiveEntry();
                }
            }
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(compressed)) {
                gz.write(plain.toByteArray());
            }
            diffIds.add(Digest.of(plain.toByteArray()).toString());
            ObjectNode entry = history.addObject().put("created_by", layer.project() ? "jib-core:0.27" : "debootstrap");
            if (layer.project()) {
                entry.put("author", "Jib");
            }
            String name = Digest.of(compressed.toByteArray()).hex() + ".tar.gz";
            names.add(name);
            blobs.put(name, compressed.toByteArray());
        }
        blobs.put("config.json", JSON.writeValueAsBytes(config));
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode image = manifest.addObject().put("Config", "config.json");
        names.forEach(image.putArray("Layers")::add);
        blobs.put("manifest.json", JSON.writeValueAsBytes(manifest));
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(blob.getKey());
                entry.setSize(blob.getValue().length);
                out.putArchiveEntry(entry);
                out.write(blob.getValue());
                out.closeArchiveEntry();
            }
        }
        return tar;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private ImageInventory sample() throws IOException {
        Map<String, byte[]> base = new LinkedHashMap<>();
        base.put("./var/lib/dpkg/status", utf8(DebianPackageTest.STATUS));
        base.put("./usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", utf8("Name: six\nVersion: 1.16.0\n"));
        base.put("./usr/lib/python3/dist-packages/gone-1.0.dist-info/METADATA", utf8("Name: gone\nVersion: 1.0\n"));
        base.put("./bin/sh", utf8("\u007fELF not go"));
        Map<String, byte[]> app = new LinkedHashMap<>();
        app.put("app/api", GoBuildInfoTest.binary("go1.22.5", GoBuildInfoTest.MODULES, 64));
        app.put("app/config.yaml", utf8("port: 8080\n"));
        app.put("usr/lib/python3/dist-packages/.wh.gone-1.0.dist-info", new byte[0]);
        return ImageInventory.of(ImageTarball.read(tarball(List.of(new Layer(base, false), new Layer(app, true)))));
    }

    @Test
    void findsThePackagesTheGoBuildInfoAndThePythonDistributionsOfTheMergedLayers() throws IOException {
        ImageInventory inventory = sample();
        assertEquals(List.of("redis-server", "tzdata"), inventory.debianPackages().stream().map(DebianPackage::name).toList());
        assertEquals(1, inventory.goBinaries().size());
        assertEquals("/app/api", inventory.goBinaries().get(0).location());
        assertEquals("go1.22.5", inventory.goBinaries().get(0).info().goVersion());
        assertEquals(List.of("six"), inventory.pythonDistributions().stream().map(PythonDistribution::name).toList(),
                "a whiteout in a later layer removes a distribution");
    }

    @Test
    void theProjectFilesAreThoseOfTheLayersJibAddedWithTheirSha256() throws IOException {
        ImageInventory inventory = sample();
        assertEquals(List.of("/app/api", "/app/config.yaml"), inventory.projectFiles().stream()
                .map(ImageInventory.ProjectFile::path).toList());
        assertEquals(Digest.of(utf8("port: 8080\n")), inventory.projectFiles().get(1).sha256());
    }

    @Test
    void theBomNamesEachComponentWithItsPurlAndIsTheSameForTheSameImage() throws IOException {
        JsonNode bom = CycloneDx.bom(sample(), "registry.example:5000/sample/api", MANIFEST, "0.1.0");
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertEquals("1.6", bom.path("specVersion").asText());
        List<String> purls = new ArrayList<>();
        bom.path("components").forEach(component -> purls.add(component.path("purl").asText()));
        assertTrue(purls.contains("pkg:deb/debian/redis-server@5%3A7.0.15-1~deb12u1?arch=amd64"), purls.toString());
        assertTrue(purls.contains("pkg:golang/example.com/turret-sample"), purls.toString());
        assertTrue(purls.contains("pkg:golang/golang.org/x/text@v0.14.0"), purls.toString());
        assertTrue(purls.contains("pkg:golang/stdlib@go1.22.5"), purls.toString());
        assertTrue(purls.contains("pkg:pypi/six@1.16.0"), purls.toString());
        assertEquals(MANIFEST.toString(), bom.path("metadata").path("component").path("version").asText());
        assertEquals(bom, CycloneDx.bom(sample(), "registry.example:5000/sample/api", MANIFEST, "0.1.0"));
        List<String> refs = new ArrayList<>();
        bom.path("components").forEach(component -> refs.add(component.path("bom-ref").asText()));
        assertEquals(refs.size(), refs.stream().distinct().count(), "every bom-ref is unique");
        bom.path("dependencies").forEach(dependency -> dependency.path("dependsOn").forEach(ref ->
                assertTrue(refs.contains(ref.asText()), ref.asText() + " is a component")));
    }
}
