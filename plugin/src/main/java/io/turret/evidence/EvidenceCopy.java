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
 * Within one registry there is nothing to copy: they are tagged by the manifest's digest, not the suffix.
 */
public final class EvidenceCopy {
    private final RegistryClient source;
    private final RegistryClient target;
    private final Log log;

    public EvidenceCopy(RegistryClient source, RegistryClient target, Log log) {
        this.source = source;
        this.target = target;
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
