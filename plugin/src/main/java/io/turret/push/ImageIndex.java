package io.turret.push;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.registry.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OCI image index of a service's images of several platforms, written by Turret (jib-core pushes
 * none): its bytes depend on nothing but its children, in the configured platform order, so the
 * same images give the same index digest on every run and every machine.
 */
public final class ImageIndex {
    private ImageIndex() {
    }

    /** One platform's manifest, as an index names it. */
    public record Child(Platform platform, Digest digest, long size, String mediaType) {
        static Child of(Platform platform, Manifest manifest) {
            return new Child(platform, manifest.digest(), manifest.bytes().length, manifest.mediaType());
        }
    }

    /** The index of {@code children}, in their order. */
    public static Manifest of(List<Child> children) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", Manifest.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Child child : children) {
            ObjectNode entry = manifests.addObject();
            entry.put("mediaType", child.mediaType());
            entry.put("digest", child.digest().toString());
            entry.put("size", child.size());
            ObjectNode platform = entry.putObject("platform");
            platform.put("architecture", child.platform().architecture());
            platform.put("os", child.platform().os());
            child.platform().variant().ifPresent(variant -> platform.put("variant", variant));
        }
        try {
            return new Manifest(JSON.writeValueAsBytes(index), Manifest.OCI_INDEX);
        } catch (IOException e) {
            throw new IllegalStateException("an index is always JSON", e);
        }
    }

    /** The children an index names, in its order; empty when {@code manifest} is not an index. */
    public static Optional<List<Child>> children(Manifest manifest, String what) {
        if (!manifest.isIndex()) {
            return Optional.empty();
        }
        try {
            List<Child> children = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(manifest.bytes()).path("manifests")) {
                JsonNode platform = entry.path("platform");
                String variant = platform.path("variant").asText("");
                children.add(new Child(new Platform(platform.path("os").asText(), platform.path("architecture").asText(),
                        variant.isEmpty() ? Optional.empty() : Optional.of(variant)),
                        Digest.parse(entry.path("digest").asText(), what + " names a manifest"), entry.path("size").asLong(),
                        entry.path("mediaType").asText()));
            }
            return Optional.of(children);
        } catch (IOException | IllegalArgumentException e) {
            throw new EnvironmentFailure(what + " is not an image index: " + Causes.describe(e), e);
        }
    }
}
