package io.turret.push;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.image.ServiceSpec;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.reuse.Fingerprint;
import io.turret.tagging.ReleaseJournal;
import io.turret.tagging.TagStore;
import io.turret.tagging.UntrustedJournal;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry's tags, and the journals of the releases moving them, through {@link RegistryClient}.
 * A journal is a small OCI manifest in the repository {@code NAMESPACE/turret-releases}, tagged
 * with the suffix, holding the journal as an annotation: it lives where every later run against
 * this registry finds it, from any machine, and reading it is one manifest GET.
 */
public final class RegistryTags implements TagStore {
    private static final String ANNOTATION = "io.turret.journal";
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

    private final RegistryClient registry;
    private final String journals;
    private final Map<Digest, Manifest> pushed = new ConcurrentHashMap<>();

    public RegistryTags(RegistryClient registry, String namespace) {
        this.registry = registry;
        this.journals = namespace.isEmpty() ? ServiceSpec.RESERVED : namespace + "/" + ServiceSpec.RESERVED;
    }

    /** Remembers a manifest this run pushed by digest, so tagging it needs no GET. */
    public void pushed(Digest digest, Manifest manifest) {
        pushed.put(digest, manifest);
    }

    /** The repository the journals go to: a release needs push access there too. */
    public String journalRepository() {
        return journals;
    }

    @Override
    public Optional<Digest> tagged(String repository, String tag) {
        return registry.manifestDigest(repository, tag);
    }

    @Override
    public boolean hasManifest(String repository, Digest digest) {
        return registry.manifestDigest(repository, digest.toString()).isPresent();
    }

    @Override
    public void tag(String repository, String tag, Digest digest) {
        Manifest manifest = pushed.containsKey(digest) ? pushed.get(digest)
                : registry.getManifest(repository, digest.toString());
        registry.putManifest(repository, tag, manifest); // the client checks the digest the registry reports
    }

    @Override
    public boolean untag(String repository, String tag) {
        return registry.deleteTag(repository, tag) != RegistryClient.Deletion.UNSUPPORTED;
    }

    @Override
    public Optional<ReleaseJournal> journal(String suffix) {
        Optional<Manifest> found = registry.findManifest(journals, suffix);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Manifest manifest = found.get();
        try {
            JsonNode journal = JSON.readTree(manifest.bytes()).path("annotations").path(ANNOTATION);
            if (!journal.isTextual()) {
                throw new IllegalArgumentException("it has no " + ANNOTATION + " annotation");
            }
            return Optional.of(ReleaseJournal.fromJson(journal.asText().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new UntrustedJournal(journalReference(suffix), Causes.describe(e), e);
        }
    }

    @Override
    public String journalReference(String suffix) {
        return registry.registry() + "/" + journals + ":" + suffix;
    }

    @Override
    public void writeJournal(ReleaseJournal journal) {
        Digest configDigest = Fingerprint.of(EMPTY_CONFIG);
        if (!registry.hasBlob(journals, configDigest)) {
            registry.uploadBlob(journals, configDigest, () -> HttpRequest.BodyPublishers.ofByteArray(EMPTY_CONFIG));
        }
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", Manifest.OCI_MANIFEST);
        ObjectNode config = manifest.putObject("config");
        config.put("mediaType", "application/vnd.oci.image.config.v1+json");
        config.put("digest", configDigest.toString());
        config.put("size", EMPTY_CONFIG.length);
        manifest.putArray("layers");
        manifest.putObject("annotations").put(ANNOTATION, new String(journal.toJson(), StandardCharsets.UTF_8));
        try {
            registry.putManifest(journals, journal.suffix(), new Manifest(JSON.writeValueAsBytes(manifest), Manifest.OCI_MANIFEST));
        } catch (IOException e) {
            throw new IllegalStateException("a manifest is always JSON", e);
        }
    }
}
