package io.turret.push;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;
import io.turret.tagging.TagMove;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a manifest from one registry to the same repository of another, byte for byte (so its
 * digest stays): the blobs the target lacks are streamed from the source, never stored here.
 */
public final class ManifestCopy {

    private final RegistryClient source;
    private final RegistryClient target;
    private final Log log;

    public ManifestCopy(RegistryClient source, RegistryClient target, Log log) {
        this.source = source;
        this.target = target;
        this.log = log;
    }

    private record Descriptor(Digest digest, long size) {
    }

    public void copy(TagMove move) {
        String repository = move.repository();
        Digest digest = move.digest();
        Manifest manifest = source.getManifest(repository, digest.toString());
        if (manifest.isIndex()) {
            throw new UserFailure(repository + "@" + move.digest() + " is an index of several platforms; promoting one to"
                    + " another registry is not supported yet: promote within " + source.registry() + ".");
        }
        int copied = 0;
        List<Descriptor> blobs = blobs(manifest, repository + "@" + move.digest());
        for (Descriptor blob : blobs) {
            if (!target.hasBlob(repository, blob.digest())) {
                target.uploadBlob(repository, blob.digest(), () -> HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> source.openBlob(repository, blob.digest())), blob.size()),
                        UploadProgress.of(move.service(), blob.digest(), log));
                copied++;
            }
        }
        target.putManifest(repository, digest.toString(), manifest);
        log.info("[" + move.service() + "] copied " + repository + "@" + move.digest() + " from " + source.registry() + " to "
                + target.registry() + " (" + copied + " of " + blobs.size() + " blobs copied, the rest were there)");
    }

    private static List<Descriptor> blobs(Manifest manifest, String what) {
        try {
            JsonNode json = JSON.readTree(manifest.bytes());
            List<Descriptor> blobs = new ArrayList<>();
            blobs.add(descriptor(json.path("config"), what));
            json.path("layers").forEach(layer -> blobs.add(descriptor(layer, what)));
            return blobs;
        } catch (IOException e) {
            throw new EnvironmentFailure(what + " is not a manifest: " + Causes.describe(e), e);
        }
    }

    private static Descriptor descriptor(JsonNode node, String what) {
        return new Descriptor(Digest.parse(node.path("digest").asText(), what + " names a blob"), node.path("size").asLong());
    }
}
