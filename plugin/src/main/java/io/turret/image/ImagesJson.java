package io.turret.image;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code target/turret/images.json}: per service, what turret:assemble made. A service's fields are those of its
 * image for the first platform; with several platforms, {@code platforms} holds each platform's image, by platform.
 */
public final class ImagesJson {
    private ImagesJson() {
    }

    /** Service → image id of its first platform, as the last turret:assemble recorded them; empty when it has not run. */
    public static Map<String, Digest> imageIds(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, Digest> ids = new LinkedHashMap<>();
            JSON.readTree(file.toFile()).path("services").fields().forEachRemaining(service -> ids.put(service.getKey(),
                    digest(service.getValue(), "imageId", file + ", service " + service.getKey())));
            return ids;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + " (" + Causes.describe(e) + "); run turret:assemble again.", e);
        }
    }

    /** Service → image id of its image for {@code platform}; empty when it has not run. */
    public static Map<String, Digest> imageIds(Path file, Platform platform) {
        Map<String, Digest> ids = new LinkedHashMap<>();
        read(file).stream().filter(image -> image.platform().equals(platform)).forEach(image -> ids.put(image.service(),
                image.imageId()));
        return ids;
    }

    /** Every service's image for every platform as the last turret:assemble recorded them; empty when it has not run. */
    public static List<AssembledImage> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<AssembledImage> images = new java.util.ArrayList<>();
            JSON.readTree(file.toFile()).path("services").fields().forEachRemaining(entry -> {
                JsonNode platforms = entry.getValue().path("platforms");
                if (platforms.isObject()) {
                    platforms.fields().forEachRemaining(platform -> images.add(parse(entry.getKey(), platform.getValue(),
                            file.getParent().resolve(platform.getValue().path("tarball").asText()),
                            file + ", service " + entry.getKey() + ", platform " + platform.getKey())));
                } else {
                    images.add(parse(entry.getKey(), entry.getValue(), file.getParent().resolve(entry.getValue().path("tarball")
                            .asText()), file + ", service " + entry.getKey()));
                }
            });
            return images;
        } catch (IOException e) {
            throw new EnvironmentFailure("cannot read " + file + " (" + Causes.describe(e) + "); run turret:assemble again.", e);
        }
    }

    static void write(Path file, Suffix suffix, List<AssembledImage> images) {
        ObjectNode root = JSON.createObjectNode();
        root.put("suffix", suffix.value());
        ObjectNode services = root.putObject("services");
        Map<String, List<AssembledImage>> byService = new LinkedHashMap<>();
        images.forEach(image -> byService.computeIfAbsent(image.service(), service -> new java.util.ArrayList<>()).add(image));
        byService.forEach((name, platforms) -> {
            ObjectNode service = services.putObject(name);
            fill(service, platforms.get(0));
            service.put("tarball", file.getParent().relativize(platforms.get(0).tarball()).toString());
            if (platforms.size() > 1) {
                ObjectNode each = service.putObject("platforms");
                for (AssembledImage image : platforms) {
                    ObjectNode platform = each.putObject(image.platform().toString());
                    fill(platform, image);
                    platform.put("tarball", file.getParent().relativize(image.tarball()).toString());
                }
            }
        });
        JsonFiles.write(file, root);
    }

    /** Puts what images.json records of an image (but its tarball's place) into {@code node}. */
    static void fill(ObjectNode node, AssembledImage image) {
        node.put("platform", image.platform().toString());
        node.put("reference", image.reference().toString());
        node.put("digest", image.digest().toString());
        node.put("imageId", image.imageId().toString());
        node.put("compressedSize", image.compressedSize());
        ArrayNode layers = node.putArray("layers");
        image.layers().forEach(layer -> layers.add(layer.toString()));
    }

    /**
     * Reads what {@link #fill} wrote.
     *
     * @param source the file and service it is read from, for the message that refuses a malformed digest
     */
    static AssembledImage parse(String service, JsonNode node, Path tarball, String source) {
        List<Digest> layers = new java.util.ArrayList<>();
        node.path("layers").forEach(layer -> layers.add(Digest.parse(layer.asText(), source + ", a layer")));
        ImageRef reference = ImageRef.parse(node.path("reference").asText(), source + ", reference");
        Digest digest = digest(node, "digest", source);
        Digest imageId = digest(node, "imageId", source);
        Platform platform;
        try {
            platform = Platform.parse(node.path("platform").asText());
        } catch (IllegalArgumentException e) {
            throw new EnvironmentFailure(source + ", platform: " + e.getMessage() + "; run turret:assemble again.", e);
        }
        return new AssembledImage(service, platform, reference, digest, imageId, node.path("compressedSize").asLong(), layers,
                tarball);
    }

    private static Digest digest(JsonNode node, String field, String source) {
        return Digest.parse(node.path(field).asText(), source + ", " + field);
    }
}
