package io.turret.image;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code target/turret/images.json}: per service, what turret:assemble made. */
public final class ImagesJson {
    private ImagesJson() {
    }

    /** Service → image id, as the last turret:assemble recorded them; empty when it has not run. */
    public static Map<String, String> imageIds(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, String> ids = new LinkedHashMap<>();
            JSON.readTree(file.toFile()).path("services").fields()
                    .forEachRemaining(service -> ids.put(service.getKey(), service.getValue().path("imageId").asText()));
            return ids;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + " (" + e.getMessage() + "); run turret:assemble again.", e);
        }
    }

    /** Every service's image as the last turret:assemble recorded it; empty when it has not run. */
    public static List<AssembledImage> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<AssembledImage> images = new java.util.ArrayList<>();
            JSON.readTree(file.toFile()).path("services").fields().forEachRemaining(entry -> {
                var image = entry.getValue();
                List<String> layers = new java.util.ArrayList<>();
                image.path("layers").forEach(layer -> layers.add(layer.asText()));
                images.add(new AssembledImage(entry.getKey(), image.path("reference").asText(), image.path("digest").asText(),
                        image.path("imageId").asText(), image.path("compressedSize").asLong(), layers,
                        file.getParent().resolve(image.path("tarball").asText())));
            });
            return images;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + " (" + e.getMessage() + "); run turret:assemble again.", e);
        }
    }

    static void write(Path file, Suffix suffix, List<AssembledImage> images) {
        ObjectNode root = JSON.createObjectNode();
        root.put("suffix", suffix.value());
        ObjectNode services = root.putObject("services");
        for (AssembledImage image : images) {
            ObjectNode service = services.putObject(image.service());
            service.put("reference", image.reference());
            service.put("digest", image.digest());
            service.put("imageId", image.imageId());
            service.put("compressedSize", image.compressedSize());
            ArrayNode layers = service.putArray("layers");
            image.layers().forEach(layers::add);
            service.put("tarball", file.getParent().relativize(image.tarball()).toString());
        }
        JsonFiles.write(file, root);
    }
}
