package io.turret.evidence;

import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.registry.RegistryClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether each service's suffix tag points at a manifest signed by the verify key's pair: turret:verify, promote, status. */
public final class SuffixSignatures {
    private final CosignSignatures signatures;
    private final RegistryClient registry;

    public SuffixSignatures(RegistryClient registry) {
        this.registry = registry;
        this.signatures = new CosignSignatures(registry);
    }

    /**
     * @param repositories service → its repository, in the pom's order
     * @return service → why its tag is not signed as it must be; empty when every tag verifies
     */
    public Map<String, String> problems(VerifyKey key, String suffix, Map<String, String> repositories) {
        Map<String, String> problems = new LinkedHashMap<>();
        repositories.forEach((service, repository) -> {
            Optional<Digest> tagged = registry.manifestDigest(repository, suffix);
            if (tagged.isEmpty()) {
                problems.put(service, "no tag " + registry.registry() + "/" + repository + ":" + suffix);
                return;
            }
            SignatureCheck.problem(signatures.find(repository, tagged.get()), key, signatures.dockerReference(repository),
                    tagged.get()).ifPresent(why -> problems.put(service, repository + ":" + suffix + " -> " + why));
        });
        return problems;
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

    /** One line per service for turret:status: whether its tag is signed and, with a verify key, whether it verifies. */
    public List<String> report(Optional<VerifyKey> key, String suffix, Map<String, String> repositories) {
        int width = repositories.keySet().stream().mapToInt(String::length).max().orElse(0);
        List<String> lines = new ArrayList<>();
        repositories.forEach((service, repository) -> registry.manifestDigest(repository, suffix).ifPresent(digest -> {
            List<AttachedSignature> found = signatures.find(repository, digest);
            String state = found.isEmpty() ? "NOT signed"
                    : key.map(k -> SignatureCheck.problem(found, k, signatures.dockerReference(repository), digest)
                            .map(why -> "signed, but does NOT verify: " + why).orElse("signed, verifies with " + k.file()))
                            .orElse("signed (give <verifyKey> to check it)");
            lines.add(String.format("%-" + width + "s  %s", service, state));
        }));
        return lines;
    }
}
