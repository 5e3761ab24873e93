package io.turret.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.auth.CredentialChain;
import io.turret.auth.CredentialSearch;
import io.turret.failure.UserFailure;
import io.turret.it.stack.AccessTable;
import io.turret.it.stack.TokenRegistryStack;
import io.turret.it.stack.TokenRegistryStackExtension;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.RetryPolicy;
import io.turret.report.Log;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry whose realm gives anyone a token, with no rights for anonymous users, and a
 * user with no credential at all: the message says that no credential was found and where Turret
 * looked, not that "that user" lacks rights.
 */
@ExtendWith(TokenRegistryStackExtension.class)
class NoCredentialIT {

    @Test
    void anAnonymousTokenWithoutRightsIsToldAsNoCredentialFound(TokenRegistryStack stack, @TempDir Path home) {
        CredentialSearch nothing = new CredentialChain(stack.address(), null, List.of(), Map.of(), home).search(stack.address());
        RegistryClient client = RegistryClient.open(stack.address(), false, RegistryTrust.forRegistry(stack.address(), null,
                RegistryTrust.DOCKER_CERTS), nothing, RetryPolicy.DEFAULT, Optional.empty(), 0, Log.silent());

        UserFailure refused = assertThrows(UserFailure.class, () -> client.requirePushAccess("it/no-credential"));

        assertEquals(Optional.empty(), nothing.found());
        assertTrue(refused.getMessage().contains(": it grants no right to push to the repository it/no-credential without a"
                + " credential, and Turret found no credential for " + stack.address() + " (it looked in settings.xml <server> '"
                + stack.address() + "', ~/.docker/config.json, ~/.dockercfg, TURRET_REGISTRY_USERNAME/TURRET_REGISTRY_PASSWORD);"
                + " give one as a settings.xml <server>"), refused.getMessage());
        assertFalse(refused.getMessage().contains("no credential (anonymous)") || refused.getMessage().contains("grant that user"),
                refused.getMessage());
        assertTrue(stack.tokens().requestsBy(AccessTable.ANONYMOUS).stream().anyMatch(request -> request.status() == 200),
                "the realm gave an anonymous token: " + stack.tokens().requests());
    }
}
