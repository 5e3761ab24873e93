package io.turret.push;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.tagging.TagMove;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a promotion put under the new suffix, as release.json describes a push: read from the manifests themselves. */
public final class PromotedImages {

    private PromotedImages() {
    }

    public static List<PushedImage> of(RegistryClient registry, String suffix, List<TagMove> moves) {
        return moves.stream().map(move -> {
            ImageRef reference = ImageRef.of(registry.registry(), move.repository(), suffix);
            Manifest manifest = registry.getManifest(move.repository(), move.digest().toString());
            Optional<List<ImageIndex.Child>> children = ImageIndex.children(manifest, move.repository() + "@" + move.digest());
            if (children.isEmpty()) {
                Image image = image(registry, move.repository(), move.digest(), manifest);
                return new PushedImage(move.service(), reference, move.digest(), image.id(), image.size());
            }
            List<PushedImage.PlatformImage> platforms = new ArrayList<>();
            long size = 0;
            for (ImageIndex.Child child : children.get()) {
                Image image = image(registry, move.repository(), child.digest(),
                        registry.getManifest(move.repository(), child.digest().toString()));
                platforms.add(new PushedImage.PlatformImage(child.platform(), child.digest(), image.id(), Optional.empty()));
                size += image.size();
            }
            return new PushedImage(move.service(), reference, move.digest(), platforms.get(0).imageId(), size, platforms);
        }).toList();
    }

    private record Image(Digest id, long size) {
    }

    private static Image image(RegistryClient registry, String repository, Digest digest, Manifest manifest) {
        try {
            JsonNode json = JSON.readTree(manifest.bytes());
            long size = json.path("config").path("size").asLong();
            for (JsonNode layer : json.path("layers")) {
                size += layer.path("size").asLong();
            }
            return new Image(Digest.parse(json.path("config").path("digest").asText(), repository + "@" + digest + " on "
                    + registry.registry() + " names its config"), size);
        } catch (IOException e) {
            throw new EnvironmentFailure(repository + "@" + digest + " is not a manifest: " + Causes.describe(e), e);
        }
    }
}
