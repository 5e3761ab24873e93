package io.turret.evidence;

import static io.turret.files.JsonFiles.JSON;

import io.turret.evidence.attest.AttestationCheck;
import io.turret.evidence.attest.Attestations;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether each service's suffix tag points at a manifest signed by the verify key's pair, with its
 * attestations (provenance, a passed test verdict, SBOM) signed by it too: turret:verify, promote, status.
 */
public final class SuffixSignatures {
    private final CosignSignatures signatures;
    private final RegistryClient registry;
    private final Attestations attestations;

    public SuffixSignatures(RegistryClient registry) {
        this.registry = registry;
        this.signatures = new CosignSignatures(registry);
        this.attestations = new Attestations(registry);
    }

    /**
     * @param repositories service → its repository, in the pom's order
     * @return service → why its tag is not signed and attested as it must be; empty when every tag verifies
     */
    public Map<String, String> problems(VerifyKey key, String suffix, Map<String, String> repositories) {
        Map<String, String> problems = new LinkedHashMap<>();
        repositories.forEach((service, repository) -> {
            Optional<Digest> tagged = registry.manifestDigest(repository, suffix);
            if (tagged.isEmpty()) {
                problems.put(service, "no tag " + registry.registry() + "/" + repository + ":" + suffix);
                return;
            }
            problem(key, repository, tagged.get(), signatures.find(repository, tagged.get()))
                    .ifPresent(why -> problems.put(service, repository + ":" + suffix + " -> " + why));
        });
        return problems;
    }

    /** Why the manifest's signature or attestations do not verify; empty when both do. */
    private Optional<String> problem(VerifyKey key, String repository, Digest digest, List<AttachedSignature> found) {
        List<String> why = new ArrayList<>();
        SignatureCheck.problem(found, key, signatures.dockerReference(repository), digest).ifPresent(why::add);
        AttestationCheck.problem(attestations.find(repository, digest), key, digest, imageId(repository, digest))
                .ifPresent(why::add);
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /** The config digest of a manifest: the image id its test verdict names; none for an index. */
    private Optional<Digest> imageId(String repository, Digest digest) {
        Manifest manifest = registry.getManifest(repository, digest.toString());
        if (manifest.isIndex()) {
            return Optional.empty();
        }
        try {
            return Digest.tryParse(JSON.readTree(manifest.bytes()).path("config").path("digest").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Fails, naming each service and why, unless every service's tag verifies. */
    public void require(VerifyKey key, String suffix, Map<String, String> repositories, String refusal) {
        Map<String, String> problems = problems(key, suffix, repositories);
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add(refusal);
            problems.forEach((service, why) -> lines.add("  [" + service + "] " + why));
            throw new UserFailure(String.join("\n", lines));
        }
    }

    /**
     * One line per service for turret:status: whether its tag is signed and, with a verify key, whether
     * its signature and attestations verify.
     */
    public List<String> report(Optional<VerifyKey> key, String suffix, Map<String, String> repositories) {
        int width = repositories.keySet().stream().mapToInt(String::length).max().orElse(0);
        List<String> lines = new ArrayList<>();
        repositories.forEach((service, repository) -> registry.manifestDigest(repository, suffix).ifPresent(digest -> {
            List<AttachedSignature> found = signatures.find(repository, digest);
            String state = found.isEmpty() ? "NOT signed"
                    : key.map(k -> problem(k, repository, digest, found)
                            .map(why -> "signed, but does NOT verify: " + why)
                            .orElse("signed and attested, verifies with " + k.file()))
                            .orElse("signed (give <verifyKey> to check it)");
            lines.add(String.format("%-" + width + "s  %s", service, state));
        }));
        return lines;
    }
}
