package io.turret.evidence;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signatures in cosign's layout, which needs no referrers API (distribution 2.8 has none): the
 * signature of {@code REPO@sha256:HEX} is an OCI manifest tagged {@code sha256-HEX.sig} in the
 * same repository, one layer per signature: the simple-signing payload, annotated with the base64
 * of its DER signature. cosign, skopeo (containers/image) and admission controllers read it.
 */
public final class CosignSignatures {
    public static final String ANNOTATION = "dev.cosignproject.cosign/signature";
    private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
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
        byte[] payload = new SimpleSigning(dockerReference(repository), digest).toJson();
        byte[] signature = key.sign(payload);
        Digest payloadDigest = Digest.of(payload);
        Digest configDigest = Digest.of(EMPTY_CONFIG);
        upload(repository, configDigest, EMPTY_CONFIG);
        upload(repository, payloadDigest, payload);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", Manifest.OCI_MANIFEST);
        ObjectNode config = manifest.putObject("config");
        config.put("mediaType", CONFIG_TYPE);
        config.put("digest", configDigest.toString());
        config.put("size", EMPTY_CONFIG.length);
        ObjectNode layer = manifest.putArray("layers").addObject();
        layer.put("mediaType", SimpleSigning.MEDIA_TYPE);
        layer.put("digest", payloadDigest.toString());
        layer.put("size", payload.length);
        layer.putObject("annotations").put(ANNOTATION, Base64.getEncoder().encodeToString(signature));
        try {
            registry.putManifest(repository, tag(digest), new Manifest(JSON.writeValueAsBytes(manifest), Manifest.OCI_MANIFEST));
        } catch (IOException e) {
            throw new IllegalStateException("an ObjectNode is always JSON", e);
        }
    }

    private void upload(String repository, Digest digest, byte[] content) {
        if (!registry.hasBlob(repository, digest)) {
            registry.uploadBlob(repository, digest, () -> HttpRequest.BodyPublishers.ofByteArray(content));
        }
    }

    /** The signatures attached to {@code digest} in {@code repository}; none when it has no signature tag. */
    public List<AttachedSignature> find(String repository, Digest digest) {
        Optional<Manifest> found = registry.findManifest(repository, tag(digest));
        if (found.isEmpty()) {
            return List.of();
        }
        String where = registry.registry() + "/" + repository + ":" + tag(digest);
        JsonNode layers;
        try {
            layers = JSON.readTree(found.get().bytes()).path("layers");
        } catch (IOException e) {
            throw new EnvironmentFailure("The signature manifest " + where + " is not JSON.");
        }
        List<AttachedSignature> signatures = new ArrayList<>();
        for (JsonNode layer : layers) {
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
