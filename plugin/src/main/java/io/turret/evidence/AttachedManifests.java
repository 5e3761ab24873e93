package io.turret.evidence;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifests cosign attaches to an image by tag in its repository ({@code sha256-HEX.sig},
 * {@code sha256-HEX.att}): an empty config and one layer per signed thing, its annotations saying
 * what it is.
 */
public final class AttachedManifests {
    private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

    /** A layer to attach: its media type, its bytes and its annotations, in the order written. */
    public record Layer(String mediaType, byte[] content, Map<String, String> annotations) {
    }

    private final RegistryClient registry;

    public AttachedManifests(RegistryClient registry) {
        this.registry = registry;
    }

    /** Writes the layers (each blob unless the repository has it) and their manifest under {@code tag}, replacing one there. */
    public void put(String repository, String tag, List<Layer> layers) {
        Digest configDigest = Digest.of(EMPTY_CONFIG);
        upload(repository, configDigest, EMPTY_CONFIG);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", Manifest.OCI_MANIFEST);
        ObjectNode config = manifest.putObject("config");
        config.put("mediaType", CONFIG_TYPE);
        config.put("digest", configDigest.toString());
        config.put("size", EMPTY_CONFIG.length);
        ArrayNode listed = manifest.putArray("layers");
        for (Layer layer : layers) {
            Digest blob = Digest.of(layer.content());
            upload(repository, blob, layer.content());
            ObjectNode node = listed.addObject();
            node.put("mediaType", layer.mediaType());
            node.put("digest", blob.toString());
            node.put("size", layer.content().length);
            ObjectNode annotations = node.putObject("annotations");
            layer.annotations().forEach(annotations::put);
        }
        try {
            registry.putManifest(repository, tag, new Manifest(JSON.writeValueAsBytes(manifest), Manifest.OCI_MANIFEST));
        } catch (IOException e) {
            throw new IllegalStateException("an ObjectNode is always JSON", e);
        }
    }

    /**
     * The layers listed by the manifest under {@code tag}; empty when there is no such tag.
     *
     * @param kind what the manifest holds, for the message that refuses one that is not JSON ({@code signature})
     */
    public Optional<JsonNode> layers(String repository, String tag, String kind) {
        Optional<Manifest> found = registry.findManifest(repository, tag);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(found.get().bytes()).path("layers"));
        } catch (IOException e) {
            throw new EnvironmentFailure("The " + kind + " manifest " + registry.registry() + "/" + repository + ":" + tag
                    + " is not JSON.");
        }
    }

    private void upload(String repository, Digest digest, byte[] content) {
        if (!registry.hasBlob(repository, digest)) {
            registry.uploadBlob(repository, digest, () -> HttpRequest.BodyPublishers.ofByteArray(content));
        }
    }
}
