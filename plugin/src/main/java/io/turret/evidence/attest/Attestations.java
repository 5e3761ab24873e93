package io.turret.evidence.attest;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.evidence.CosignSignatures;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attestations in cosign's layout: the DSSE envelopes about {@code REPO@sha256:HEX} are the layers
 * of a manifest tagged {@code sha256-HEX.att} in the same repository, each annotated with its
 * {@code predicateType} (and cosign's empty signature annotation, as cosign itself writes them).
 */
public final class Attestations {
    public static final String PREDICATE_ANNOTATION = "predicateType";
    private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    /** An SBOM of a large image is a few MiB: an envelope far larger is not read. */
    private static final int MAX_ENVELOPE = 64 << 20;

    /** An envelope as the manifest lists it: its predicate type, and its bytes. */
    public record Envelope(String predicateType, byte[] json) {
    }

    private final RegistryClient registry;

    public Attestations(RegistryClient registry) {
        this.registry = registry;
    }

    /** The tag of {@code digest}'s attestations: {@code sha256-HEX.att}. */
    public static String tag(Digest digest) {
        return "sha256-" + digest.hex() + ".att";
    }

    /** Writes the envelopes as {@code digest}'s attestations, replacing those an earlier release wrote. */
    public void attach(String repository, Digest digest, List<Envelope> envelopes) {
        Digest configDigest = Digest.of(EMPTY_CONFIG);
        upload(repository, configDigest, EMPTY_CONFIG);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", Manifest.OCI_MANIFEST);
        ObjectNode config = manifest.putObject("config");
        config.put("mediaType", CONFIG_TYPE);
        config.put("digest", configDigest.toString());
        config.put("size", EMPTY_CONFIG.length);
        ArrayNode layers = manifest.putArray("layers");
        for (Envelope envelope : envelopes) {
            Digest blob = Digest.of(envelope.json());
            upload(repository, blob, envelope.json());
            ObjectNode layer = layers.addObject();
            layer.put("mediaType", Dsse.MEDIA_TYPE);
            layer.put("digest", blob.toString());
            layer.put("size", envelope.json().length);
            ObjectNode annotations = layer.putObject("annotations");
            annotations.put(CosignSignatures.ANNOTATION, "");
            annotations.put(PREDICATE_ANNOTATION, envelope.predicateType());
        }
        try {
            registry.putManifest(repository, tag(digest), new Manifest(JSON.writeValueAsBytes(manifest), Manifest.OCI_MANIFEST));
        } catch (IOException e) {
            throw new IllegalStateException("an ObjectNode is always JSON", e);
        }
    }

    /** The envelopes attached to {@code digest}; none when it has no attestation tag. */
    public List<Envelope> find(String repository, Digest digest) {
        Optional<Manifest> found = registry.findManifest(repository, tag(digest));
        if (found.isEmpty()) {
            return List.of();
        }
        String where = registry.registry() + "/" + repository + ":" + tag(digest);
        JsonNode layers;
        try {
            layers = JSON.readTree(found.get().bytes()).path("layers");
        } catch (IOException e) {
            throw new EnvironmentFailure("The attestation manifest " + where + " is not JSON.");
        }
        List<Envelope> envelopes = new ArrayList<>();
        for (JsonNode layer : layers) {
            Optional<Digest> blob = Digest.tryParse(layer.path("digest").asText());
            if (!Dsse.MEDIA_TYPE.equals(layer.path("mediaType").asText()) || blob.isEmpty()
                    || layer.path("size").asLong(-1) > MAX_ENVELOPE) {
                continue;
            }
            byte[] json = read(repository, blob.get(), where);
            if (Digest.of(json).equals(blob.get())) {
                envelopes.add(new Envelope(layer.path("annotations").path(PREDICATE_ANNOTATION).asText(""), json));
            }
        }
        return envelopes;
    }

    private void upload(String repository, Digest digest, byte[] content) {
        if (!registry.hasBlob(repository, digest)) {
            registry.uploadBlob(repository, digest, () -> HttpRequest.BodyPublishers.ofByteArray(content));
        }
    }

    private byte[] read(String repository, Digest digest, String where) {
        try (InputStream in = registry.openBlob(repository, digest)) {
            return in.readNBytes(MAX_ENVELOPE + 1);
        } catch (IOException e) {
            throw new EnvironmentFailure("Reading the envelope " + digest + " of " + where + " failed: " + e.getMessage());
        }
    }
}
