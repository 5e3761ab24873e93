package io.turret.goal;

import io.turret.evidence.SuffixSignatures;
import io.turret.evidence.VerifyKey;
import io.turret.failure.UserFailure;
import io.turret.image.ImageNaming;
import io.turret.registry.RegistryClient;
import java.util.Map;

/**
 * turret:verify: every service's suffix tag points at a manifest whose cosign signature verifies
 * with the verify key and names that manifest and that image's repository, and whose attestations
 * (provenance, test verdict, SBOM) verify with it, name that manifest, and say the tests passed on
 * every platform; otherwise one line per service saying why. Reads only.
 */
public record VerifyGoal(ImageNaming naming, Map<String, String> repositories) implements Goal {
    @Override
    public void run(RunContext context) {
        VerifyKey key = context.settings().evidence().verifying().orElseThrow(() -> new UserFailure("turret:verify needs the"
                + " public key to check the signatures with: <verifyKey>PATH</verifyKey> or -Dturret.verifyKey=PATH (a PEM"
                + " public key, e.g. made with: openssl pkey -in key.pem -pubout -out pub.pem)."));
        String suffix = naming.suffix().value();
        RegistryClient registry = new ReleaseRegistry(context, naming).client();
        registry.ping();
        new SuffixSignatures(registry).require(key, suffix, repositories, "Not every " + suffix + " tag on " + registry.registry()
                + " is signed and attested by the pair of " + key.file() + ":");
        context.log().info("Every " + suffix + " tag on " + registry.registry() + " (" + repositories.size() + " service(s)) is"
                + " signed by the pair of " + key.file() + " and names its manifest; its provenance, test verdict (passed on"
                + " every platform) and SBOM are attested by the same key.");
    }
}
