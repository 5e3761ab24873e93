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
import java.util.Optional;

/**
 * Brings a manifest (or an image index and the manifests it names) from one registry to the same repository of
 * another, byte for byte (so its digest stays): the blobs the target lacks are streamed from the source, never
 * stored here; an index goes last, after every manifest it names.
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

    /** Copies the manifest the move names; of an index, each platform's manifest and its blobs first, then the index. */
    public void copy(TagMove move) {
        String repository = move.repository();
        Digest digest = move.digest();
        Manifest manifest = source.getManifest(repository, digest.toString());
        Optional<List<ImageIndex.Child>> children = ImageIndex.children(manifest, repository + "@" + digest);
        if (children.isPresent()) {
            for (ImageIndex.Child child : children.get()) {
                copy(move.service() + " " + child.platform(), repository, child.digest(),
                        source.getManifest(repository, child.digest().toString()));
            }
            target.putManifest(repository, digest.toString(), manifest);
            log.info("[" + move.service() + "] copied the index " + repository + "@" + digest + " of "
                    + children.get().stream().map(child -> child.platform().toString()).toList() + " from " + source.registry()
                    + " to " + target.registry());
            return;
        }
        copy(move.service(), repository, digest, manifest);
    }

    private void copy(String service, String repository, Digest digest, Manifest manifest) {
        if (manifest.isIndex()) {
            throw new UserFailure(repository + "@" + digest + " is an index inside an index; Turret copies an index of images.");
        }
        int copied = 0;
        List<Descriptor> blobs = blobs(manifest, repository + "@" + digest);
        for (Descriptor blob : blobs) {
            if (!target.hasBlob(repository, blob.digest())) {
                target.uploadBlob(repository, blob.digest(), () -> HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> source.openBlob(repository, blob.digest())), blob.size()),
                        UploadProgress.of(service, blob.digest(), log));
                copied++;
            }
        }
        target.putManifest(repository, digest.toString(), manifest);
        log.info("[" + service + "] copied " + repository + "@" + digest + " from " + source.registry() + " to "
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
