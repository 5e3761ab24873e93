package io.turret.auth;

import java.util.Optional;

/** Where Turret gets the credential for a registry it pulls from: a builder's or a base's image. */
@FunctionalInterface
public interface CredentialLookup {
    CredentialLookup NONE = registry -> Optional.empty();

    /** The credential for {@code registry} ({@code host[:port]}), or empty to pull anonymously. */
    Optional<RegistryCredential> find(String registry);
}
