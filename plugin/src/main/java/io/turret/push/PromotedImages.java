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
import java.util.List;

/** What a promotion put under the new suffix, as release.json describes a push: read from the manifests themselves. */
public final class PromotedImages {

    private PromotedImages() {
    }

    public static List<PushedImage> of(RegistryClient registry, String suffix, List<TagMove> moves) {
        return moves.stream().map(move -> {
            Digest digest = move.digest();
            Manifest manifest = registry.getManifest(move.repository(), digest.toString());
            try {
                JsonNode json = JSON.readTree(manifest.bytes());
                long size = json.path("config").path("size").asLong();
                for (JsonNode layer : json.path("layers")) {
                    size += layer.path("size").asLong();
                }
                return new PushedImage(move.service(), ImageRef.of(registry.registry(), move.repository(), suffix),
                        digest, Digest.parse(json.path("config").path("digest").asText(), move.repository() + "@" + digest
                                + " on " + registry.registry() + " names its config"), size);
            } catch (IOException e) {
                throw new EnvironmentFailure(move.repository() + "@" + move.digest() + " is not a manifest: " + Causes.describe(e), e);
            }
        }).toList();
    }
}
