package io.turret.goal;

import io.turret.image.ImageNaming;
import io.turret.registry.RegistryClient;
import java.util.Map;

/**
 * turret:check: the registry answers over verified TLS, accepts the credential and lets it push to
 * every service's repository.
 *
 * @param repositories each service's repository, by the service's name, in the pom's order
 */
public record CheckGoal(ImageNaming naming, Map<String, String> repositories) implements Goal {
    @Override
    public void run(RunContext context) {
        ReleaseRegistry release = new ReleaseRegistry(context, naming);
        RegistryClient registry = release.client();
        registry.ping();
        release.checkPushAccess(registry, repositories);
    }
}
