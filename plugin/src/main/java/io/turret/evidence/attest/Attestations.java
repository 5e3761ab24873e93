package io.turret.evidence.attest;


import com.fasterxml.jackson.databind.JsonNode;
import io.turret.evidence.AttachedManifests;
import io.turret.evidence.CosignSignatures;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attestations in cosign's layout: the DSSE envelopes about {@code REPO@sha256:HEX} are the layers
 * of a manifest tagged {@code sha256-HEX.att} in the same repository, each annotated with its
 * {@code predicateType} (and cosign's empty signature annotation, as cosign itself writes them).
 */
public final class Attestations {
    public static final String PREDICATE_ANNOTATION = "predicateType";
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
        List<AttachedManifests.Layer> layers = new ArrayList<>();
        for (Envelope envelope : envelopes) {
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put(CosignSignatures.ANNOTATION, "");
            annotations.put(PREDICATE_ANNOTATION, envelope.predicateType());
            layers.add(new AttachedManifests.Layer(Dsse.MEDIA_TYPE, envelope.json(), annotations));
        }
        new AttachedManifests(registry).put(repository, tag(digest), layers);
    }

    /** The envelopes attached to {@code digest}; none when it has no attestation tag. */
    public List<Envelope> find(String repository, Digest digest) {
        Optional<JsonNode> layers = new AttachedManifests(registry).layers(repository, tag(digest), "attestation");
        if (layers.isEmpty()) {
            return List.of();
        }
        String where = registry.registry() + "/" + repository + ":" + tag(digest);
        List<Envelope> envelopes = new ArrayList<>();
        for (JsonNode layer : layers.get()) {
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

    private byte[] read(String repository, Digest digest, String where) {
        try (InputStream in = registry.openBlob(repository, digest)) {
            return in.readNBytes(MAX_ENVELOPE + 1);
        } catch (IOException e) {
            throw new EnvironmentFailure("Reading the envelope " + digest + " of " + where + " failed: " + e.getMessage());
        }
    }
}
