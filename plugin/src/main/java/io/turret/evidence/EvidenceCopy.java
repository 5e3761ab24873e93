package io.turret.evidence;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.evidence.attest.Attestations;
import io.turret.failure.EnvironmentFailure;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import io.turret.tagging.TagMove;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A promotion to another registry brings each image's signature ({@code sha256-HEX.sig}) and
 * attestations ({@code sha256-HEX.att}) with it, byte for byte, before the target's tags move.
 * With a signing key, the target's signature is added to those copied: they name the source's
 * repository, which a verify of the target does not accept. Within one registry there is nothing to
 * copy: they are tagged by the manifest's digest, not the suffix.
 */
public final class EvidenceCopy {
    private final RegistryClient source;
    private final RegistryClient target;
    private final Optional<SigningKey> key;
    private final Log log;

    /** @param key the signing key (<signingKey>), when one is configured: the target's signature is made with it */
    public EvidenceCopy(RegistryClient source, RegistryClient target, Optional<SigningKey> key, Log log) {
        this.source = source;
        this.target = target;
        this.key = key;
        this.log = log;
    }

    public void copy(TagMove move) {
        List<String> copied = new ArrayList<>();
        for (String tag : List.of(CosignSignatures.tag(move.digest()), Attestations.tag(move.digest()))) {
            Optional<Manifest> manifest = source.findManifest(move.repository(), tag);
            if (manifest.isPresent()) {
                copy(move.repository(), tag, manifest.get());
                copied.add(tag);
            }
        }
        if (!copied.isEmpty()) {
            log.info("[" + move.service() + "] copied " + String.join(" and ", copied) + " to " + target.registry());
        }
        key.ifPresent(signing -> {
            new CosignSignatures(target).countersign(move.repository(), move.digest(), signing);
            log.info("[" + move.service() + "] signed " + move.repository() + "@" + move.digest() + " for " + target.registry());
        });
    }

    private void copy(String repository, String tag, Manifest manifest) {
        List<JsonNode> blobs = new ArrayList<>();
        try {
            JsonNode json = JSON.readTree(manifest.bytes());
            blobs.add(json.path("config"));
            json.path("layers").forEach(blobs::add);
        } catch (IOException e) {
            throw new EnvironmentFailure(source.registry() + "/" + repository + ":" + tag + " is not a manifest Turret wrote;"
                    + " delete that tag, or promote without <verifyKey>.");
        }
        for (JsonNode descriptor : blobs) {
            Digest blob = Digest.parse(descriptor.path("digest").asText(), repository + ":" + tag + " names a blob");
            if (!target.hasBlob(repository, blob)) {
                target.uploadBlob(repository, blob, () -> HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> source.openBlob(repository, blob)),
                        descriptor.path("size").asLong()));
            }
        }
        target.putManifest(repository, tag, manifest);
    }
}
