package io.turret.goal;

import io.turret.evidence.SuffixSignatures;
import io.turret.image.ImageNaming;
import io.turret.registry.RegistryClient;
import io.turret.tagging.ReleaseStatus;
import java.util.Map;

/**
 * turret:status: what each service's suffix tag points at, which release put it there, any unfinished
 * release, and whether each tag is signed (with a verify key, whether it verifies). Signature tags
 * ({@code sha256-*}) are never suffixes, so never listed.
 */
public record StatusGoal(ImageNaming naming, Map<String, String> repositories) implements Goal {
    @Override
    public void run(RunContext context) {
        ReleaseRegistry release = new ReleaseRegistry(context, naming);
        RegistryClient registry = release.client();
        new ReleaseStatus(release.tags(registry), context.liveness()).report(naming.suffix().value(), repositories)
                .forEach(context.log()::info);
        new SuffixSignatures(registry).report(context.settings().evidence().verifying(), naming.suffix().value(), repositories)
                .forEach(context.log()::info);
    }
}
