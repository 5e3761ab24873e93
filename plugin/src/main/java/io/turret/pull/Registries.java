package io.turret.pull;

import io.turret.auth.CredentialLookup;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.Log;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The client of the registry an image comes from, with that registry's own credential, trust and proxy. */
@FunctionalInterface
public interface Registries {
    /** @param registry {@code host[:port]} as the image's name gives it */
    RegistryClient client(String registry);

    /**
     * Straight to each registry, trusting {@code /etc/docker/certs.d/HOST:PORT/}, with the credential {@code credentials} finds;
     * one client per registry.
     */
    static Registries direct(CredentialLookup credentials, Log log) {
        Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
        return registry -> clients.computeIfAbsent(registry, named -> RegistryClient.open(named, false,
                RegistryTrust.forRegistry(named, null, RegistryTrust.DOCKER_CERTS), credentials.find(named), RetryPolicy.DEFAULT,
                log));
    }
}
