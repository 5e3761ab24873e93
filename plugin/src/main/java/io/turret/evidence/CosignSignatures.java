package io.turret.evidence;


import com.fasterxml.jackson.databind.JsonNode;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signatures in cosign's layout, which needs no referrers API (distribution 2.8 has none): the
 * signature of {@code REPO@sha256:HEX} is an OCI manifest tagged {@code sha256-HEX.sig} in the
 * same repository, one layer per signature: the simple-signing payload, annotated with the base64
 * of its DER signature. cosign, skopeo (containers/image) and admission controllers read it.
 */
public final class CosignSignatures {
    public static final String ANNOTATION = "dev.cosignproject.cosign/signature";
    /** A payload is a few hundred bytes: anything far larger is not one, and is not read whole. */
    private static final int MAX_PAYLOAD = 64 * 1024;

    private final RegistryClient registry;

    public CosignSignatures(RegistryClient registry) {
        this.registry = registry;
    }

    /** The tag of {@code digest}'s signatures: {@code sha256-HEX.sig}. */
    public static String tag(Digest digest) {
        return "sha256-" + digest.hex() + ".sig";
    }

    /** Whether a tag is one of cosign's (a signature, attestation or SBOM), not a suffix. */
    public static boolean isCosignTag(String tag) {
        return tag.startsWith("sha256-");
    }

    /** {@code HOST/REPOSITORY}: what a signature of an image of {@code repository} names. */
    public String dockerReference(String repository) {
        return registry.registry() + "/" + repository;
    }

    /**
     * Signs {@code digest} in {@code repository} and writes the signature's manifest (replacing the
     * signatures an earlier release wrote for the same manifest).
     */
    public void sign(String repository, Digest digest, SigningKey key) {
        put(repository, digest, List.of(signed(repository, digest, key)));
    }

    /**
     * Adds a signature of {@code digest} for this registry to those already attached (a promotion to another registry
     * brings the source's signatures, which name the source's repository): cosign's verify on either checks one.
     */
    public void countersign(String repository, Digest digest, SigningKey key) {
        List<AttachedSignature> layers = new ArrayList<>(find(repository, digest));
        AttachedSignature own = signed(repository, digest, key);
        layers.removeIf(existing -> java.util.Arrays.equals(existing.payload(), own.payload()));
        layers.add(own);
        put(repository, digest, layers);
    }

    private AttachedSignature signed(String repository, Digest digest, SigningKey key) {
        byte[] payload = new SimpleSigning(dockerReference(repository), digest).toJson();
        return new AttachedSignature(payload, key.sign(payload));
    }

    private void put(String repository, Digest digest, List<AttachedSignature> signatures) {
        new AttachedManifests(registry).put(repository, tag(digest), signatures.stream().map(signature -> new AttachedManifests.Layer(
                SimpleSigning.MEDIA_TYPE, signature.payload(), Map.of(ANNOTATION, Base64.getEncoder().encodeToString(
                        signature.signature())))).toList());
    }

    /** The signatures attached to {@code digest} in {@code repository}; none when it has no signature tag. */
    public List<AttachedSignature> find(String repository, Digest digest) {
        Optional<JsonNode> layers = new AttachedManifests(registry).layers(repository, tag(digest), "signature");
        if (layers.isEmpty()) {
            return List.of();
        }
        String where = registry.registry() + "/" + repository + ":" + tag(digest);
        List<AttachedSignature> signatures = new ArrayList<>();
        for (JsonNode layer : layers.get()) {
            Optional<Digest> payloadDigest = Digest.tryParse(layer.path("digest").asText());
            String annotation = layer.path("annotations").path(ANNOTATION).asText("");
            if (!SimpleSigning.MEDIA_TYPE.equals(layer.path("mediaType").asText()) || payloadDigest.isEmpty()
                    || annotation.isEmpty() || layer.path("size").asLong(-1) > MAX_PAYLOAD) {
                continue;
            }
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(annotation);
            } catch (IllegalArgumentException e) {
                continue; // not a signature: it verifies nothing
            }
            byte[] payload = read(repository, payloadDigest.get(), where);
            if (Digest.of(payload).equals(payloadDigest.get())) {
                signatures.add(new AttachedSignature(payload, signature));
            }
        }
        return signatures;
    }

    private byte[] read(String repository, Digest digest, String where) {
        try (InputStream in = registry.openBlob(repository, digest)) {
            return in.readNBytes(MAX_PAYLOAD + 1);
        } catch (IOException e) {
            throw new EnvironmentFailure("Reading the payload " + digest + " of " + where + " failed: " + e.getMessage());
        }
    }
}
