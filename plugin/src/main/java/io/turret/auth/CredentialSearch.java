package io.turret.auth;

import java.util.Optional;

/**
 * What a search for a registry's credential found, and where it looked: the places go into the
 * message of a registry that wants a credential when none was found.
 *
 * @param searched where the search looked, as messages name it; empty when the credential was given, not searched for
 */
public record CredentialSearch(Optional<RegistryCredential> found, String searched) {
    public CredentialSearch {
        searched = searched == null ? "" : searched;
    }

    /** A credential given as it is (or none), not searched for. */
    public static CredentialSearch given(Optional<RegistryCredential> credential) {
        return new CredentialSearch(credential, "");
    }
}
