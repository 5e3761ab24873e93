package io.turret.image;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.EnvironmentFailure;
import io.turret.files.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code images/SERVICE.inputs.json} beside the tarball: the key of the inputs it was assembled
 * from, what images.json records of it, and the tarball's size. It is removed before a tarball is
 * written and written after, so it never describes a tarball cut short.
 */
final class KeptAssembly {
    private KeptAssembly() {
    }

    static Path file(Path tarball) {
        return tarball.resolveSibling(tarball.getFileName().toString().replaceAll("\\.tar$", "") + ".inputs.json");
    }

    /** The image assembled from these very inputs, when its tarball is still there as it was written. */
    static Optional<AssembledImage> find(Path tarball, String service, String key) {
        try {
            Path file = file(tarball);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(tarball, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            JsonNode kept = JSON.readTree(file.toFile());
            if (kept == null || !key.equals(kept.path("key").asText()) || Files.size(tarball) != kept.path("tarballSize").asLong(-1)) {
                return Optional.empty();
            }
            return Optional.of(ImagesJson.parse(service, kept, tarball, file.toString()));
        } catch (IOException | EnvironmentFailure e) {
            return Optional.empty(); // unreadable, or not what Turret wrote: assembled again
        }
    }

    static void forget(Path tarball) throws IOException {
        Files.deleteIfExists(file(tarball));
    }

    static void keep(String key, AssembledImage image) throws IOException {
        ObjectNode kept = JSON.createObjectNode();
        kept.put("key", key);
        ImagesJson.fill(kept, image);
        kept.put("tarballSize", Files.size(image.tarball()));
        JsonFiles.write(file(image.tarball()), kept);
    }
}
