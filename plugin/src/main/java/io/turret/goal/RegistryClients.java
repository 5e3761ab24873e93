package io.turret.goal;

import io.turret.auth.CredentialChain;
import io.turret.auth.CredentialSearch;
import io.turret.auth.CredentialLookup;
import io.turret.auth.RegistryCredential;
import io.turret.pull.Registries;
import io.turret.registry.Proxies;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.registry.TlsFailure;
import io.turret.report.Log;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registries images are pulled from and pushed to (bases, builders, runners, test containers,
 * the release), each with its own credential, Docker's place for its CA and the proxy; the release
 * registry with {@code <registryCa>} and {@code <plainHttp>} too. One client per registry for the
 * whole run, so that its tokens are shared and its source told once.
 */
final class RegistryClients implements Registries {
    /** Opens the client of {@code host}: {@code ca} (or Docker's place for it) trusted, or plain HTTP. */
    @FunctionalInterface
    interface Opener {
        RegistryClient open(String host, Path ca, boolean plainHttp);
    }

    private final RegistrySettings settings;
    private final Opener opener;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    RegistryClients(RegistrySettings settings, Opener opener) {
        this.settings = settings;
        this.opener = opener;
    }

    @Override
    public RegistryClient client(String host) {
        return clients.computeIfAbsent(host, named -> named.equals(settings.release())
                ? opener.open(named, settings.releaseCa().orElse(null), settings.plainHttp())
                : opener.open(named, null, false));
    }

    /**
     * The client of a registry releases are promoted to: {@code ca} or Docker's place for its CA,
     * and {@code <plainHttp>} as the release registry's; one per registry too.
     */
    RegistryClient promotionTarget(String host, Optional<Path> ca) {
        return clients.computeIfAbsent(host, named -> opener.open(named, ca.orElse(null), settings.plainHttp()));
    }

    /** The credential chain; the release registry's own sources (serverId, environment) go to it alone. */
    private static CredentialChain credentialChain(RegistrySettings settings, Map<String, String> environment, Path home) {
        return new CredentialChain(settings.release(), settings.serverId(), settings.servers(), environment, home);
    }

    /**
     * Credentials for the engine's own pulls of builder, base and test images: the chain, looked up by
     * each image's registry; says once per registry where the credential came from, or where none was found.
     */
    static CredentialLookup pullCredentials(RegistrySettings settings, Map<String, String> environment, Path home, Log log) {
        CredentialChain chain = credentialChain(settings, environment, home);
        Set<String> told = ConcurrentHashMap.newKeySet();
        return imageRegistry -> {
            Optional<RegistryCredential> credential = chain.find(imageRegistry);
            if (told.add(imageRegistry)) {
                log.info("Pulling from " + imageRegistry + " with " + credential.map(c -> "the credential from " + c.source())
                        .orElse("no credential (none in " + chain.searched(imageRegistry) + ")"));
            }
            return credential;
        };
    }

    /** Opens clients with the credential the chain finds, the trust asked for and the proxy; says which of each. */
    static Opener connecting(RegistrySettings settings, Map<String, String> environment, Path home, Log log) {
        return (host, ca, plainHttp) -> {
            CredentialSearch credential = credentialChain(settings, environment, home).search(host);
            log.info("Registry " + host + ": " + credential.found().map(found -> "credential from " + found.source())
                    .orElse("no credential (none in " + credential.searched() + ")"));
            RegistryTrust trust = plainHttp ? RegistryTrust.plainHttp()
                    : RegistryTrust.forRegistry(host, ca, RegistryTrust.DOCKER_CERTS);
            Optional<Proxies.Choice> proxy = Proxies.choose(plainHttp ? "http" : "https", settings.proxies(), environment)
                    .filter(choice -> !choice.isDirect(TlsFailure.host(host)));
            proxy.ifPresent(choice -> log.info("Registry " + host + ": through the proxy " + choice));
            return RegistryClient.open(host, plainHttp, trust, credential, RetryPolicy.DEFAULT, proxy, settings.chunkBytes(), log);
        };
    }
}
