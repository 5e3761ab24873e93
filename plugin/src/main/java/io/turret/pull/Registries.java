package io.turret.pull;

import io.turret.auth.CredentialLookup;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.Log;

/** The client of the registry an image comes from, with that registry's own credential, trust and proxy. */
@FunctionalInterface
public interface Registries {
    /** @param registry {@code host[:port]} as the image's name gives it */
    RegistryClient client(String registry);

    /** Straight to each registry, trusting {@code /etc/docker/certs.d/HOST:PORT/}, with the credential {@code credentials} finds. */
    static Registries direct(CredentialLookup credentials, Log log) {
        return registry -> RegistryClient.open(registry, false, RegistryTrust.forRegistry(registry, null,
                RegistryTrust.DOCKER_CERTS), credentials.find(registry), RetryPolicy.DEFAULT, log);
    }
}
